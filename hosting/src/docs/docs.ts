// Renders the OpenAPI document served at /v1/openapi.json as a readable reference page:
// one section per tag, one entry per operation with its auth, parameters and schemas, then the
// named schemas that operations refer to with $ref.
import "./docs.css";

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  security: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required: boolean; schema: unknown }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

interface OpenApi {
  info: { title: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, unknown> };
}

const response = await fetch("/v1/openapi.json");
const spec = (await response.json()) as OpenApi;
render(spec);

function render(doc: OpenApi): void {
  document.getElementById("intro")!.textContent = doc.info.description;
  const byTag = new Map<string, Array<{ method: string; path: string; op: Operation }>>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? "Other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const toc = document.getElementById("toc")!;
  const container = document.getElementById("operations")!;
  for (const [tag, operations] of byTag) {
    toc.append(link(`#${tag}`, tag), " ");
    const section = element("section", { id: tag });
    section.append(element("h2", {}, tag));
    for (const { method, path, op } of operations) section.append(renderOperation(method, path, op));
    container.append(section);
  }
  const schemas = element("section", { id: "Schemas" });
  schemas.append(element("h2", {}, "Schemas"));
  for (const [name, schema] of Object.entries(doc.components.schemas ?? {})) {
    const details = element("details", { id: `schema-${name}` });
    details.append(element("summary", {}, name), element("pre", {}, JSON.stringify(schema, null, 2)));
    schemas.append(details);
  }
  toc.append(link("#Schemas", "Schemas"));
  container.append(schemas);
}

function renderOperation(method: string, path: string, op: Operation): HTMLElement {
  const details = element("details", { id: op.operationId });
  const summary = element("summary");
  summary.append(element("span", { className: `method ${method}` }, method.toUpperCase()), " ", element("code", {}, path), " — ", op.summary);
  details.append(summary);
  details.append(element("p", { className: "muted" }, `Auth: ${op.security.length === 0 ? "none" : op.security.map((s) => Object.entries(s).map(([k, v]) => (v.length ? `${k} (${v.join(", ")})` : k)).join("")).join(" or ")}`));
  if (op.parameters?.length) {
    const list = element("ul");
    for (const p of op.parameters) list.append(element("li", {}, `${p.name} (${p.in}${p.required ? ", required" : ""}): ${JSON.stringify(p.schema)}`));
    details.append(element("h4", {}, "Parameters"), list);
  }
  const body = op.requestBody?.content["application/json"]?.schema;
  if (body) details.append(element("h4", {}, "Request body"), element("pre", {}, JSON.stringify(body, null, 2)));
  for (const [status, res] of Object.entries(op.responses)) {
    const schema = Object.values(res.content ?? {})[0]?.schema;
    details.append(element("h4", {}, `${status} — ${res.description}`));
    if (schema) details.append(element("pre", {}, JSON.stringify(schema, null, 2)));
  }
  return details;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  if (text !== undefined) node.textContent = text;
  return node;
}

function link(href: string, text: string): HTMLAnchorElement {
  return element("a", { href }, text);
}
