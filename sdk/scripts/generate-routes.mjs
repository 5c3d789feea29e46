// Derives the client's route table from the API's own route declarations
// (functions/src/contracts/*.ts), so a route declared there becomes a typed SDK method with no
// hand-written client code. Writes src/generated/routes.ts: plain data for the runtime (no zod in
// the bundle) and `import type`s of the declarations, from which the method types are inferred.
import { build } from "esbuild";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const sdkRoot = new URL("..", import.meta.url).pathname;
const contractsDir = join(sdkRoot, "../functions/src/contracts");
const outputPath = join(sdkRoot, "src/generated/routes.ts");

const contracts = await loadContracts();
const namespaces = groupByNamespace(contracts);
await mkdir(join(sdkRoot, "src/generated"), { recursive: true });
await writeFile(outputPath, render(namespaces, contracts.problemCodes));

/** Every exported route group of every contract file, evaluated (esbuild bundles the TypeScript and zod). */
async function loadContracts() {
  const files = (await readdir(contractsDir)).filter((file) => file.endsWith(".ts")).sort();
  const entry = files.map((file) => `export * as ${moduleName(file)} from "./${file}";`).join("\n");
  const outfile = join(tmpdir(), `user-x-sdk-contracts-${process.pid}.mjs`);
  await build({ stdin: { contents: entry, resolveDir: contractsDir, loader: "ts" }, bundle: true, format: "esm", platform: "node", outfile, logLevel: "warning" });
  try {
    const modules = await import(pathToFileURL(outfile).href);
    const groups = [];
    for (const [module, exports] of Object.entries(modules)) {
      for (const [exportName, value] of Object.entries(exports)) {
        if (isRouteGroup(value)) groups.push({ module, file: files.find((f) => moduleName(f) === module), exportName, routes: value });
      }
    }
    return { groups, problemCodes: modules.problems.problemCodes };
  } finally {
    await rm(outfile, { force: true });
  }
}

function isRouteGroup(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.every((route) => typeof route?.operationId === "string" && typeof route?.path === "string" && typeof route?.method === "string");
}

/**
 * `client.<namespace>.<method>`: the namespace is the route's tag, the method its operationId
 * without the resource's noun (`createOpportunity` → `opportunities.create`,
 * `listOpportunityClaims` → `opportunities.listClaims`, `getPointsBalance` stays).
 */
function groupByNamespace({ groups }) {
  const namespaces = new Map();
  for (const group of groups) {
    for (const [key, route] of Object.entries(group.routes)) {
      const namespace = camelCase(route.tag);
      const method = methodName(route.operationId, route.tag);
      const methods = namespaces.get(namespace) ?? new Map();
      namespaces.set(namespace, methods);
      if (methods.has(method)) throw new Error(`sdk: two routes become ${namespace}.${method}; rename an operationId`);
      const paged = isPage(route.response.schema);
      if (paged && methods.has(`${method}All`)) throw new Error(`sdk: ${namespace}.${method}All is taken`);
      methods.set(method, { group, key, route, paged, pathParams: pathParams(route.path), inputIn: inputLocation(route) });
    }
  }
  return namespaces;
}

function methodName(operationId, tag) {
  // "Email preferences" names its routes `…EmailPreferences`: each word capitalized.
  const plural = tag.replace(/\s+(\w)/g, (_, c) => c.toUpperCase());
  const singular = plural.replace(/ies$/, "y").replace(/s$/, "");
  for (const noun of [plural, singular]) {
    const index = operationId.indexOf(noun);
    if (index > 0) return operationId.slice(0, index) + operationId.slice(index + noun.length);
  }
  return operationId;
}

/** Where the input's keys that are not path parameters go. A route takes a query or a body, never both. */
function inputLocation(route) {
  if (route.query && route.body) throw new Error(`sdk: ${route.operationId} takes both a query and a body; the flat input cannot tell them apart`);
  if (route.body) {
    if (route.body.def?.type !== "object") throw new Error(`sdk: ${route.operationId}'s body is not an object; the flat input needs one`);
    return "body";
  }
  return route.query ? "query" : "none";
}

function isPage(schema) {
  const shape = schema.def?.type === "object" ? schema.shape : undefined;
  return shape !== undefined && Object.keys(shape).sort().join(",") === "data,nextCursor";
}

function pathParams(path) {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
}
function camelCase(text) {
  return text.replace(/\s+(\w)/g, (_, c) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase());
}

function moduleName(file) {
  return file.replace(/\.ts$/, "").replace(/-(\w)/g, (_, c) => c.toUpperCase());
}

function render(namespaces, problemCodes) {
  const modules = new Map();
  for (const methods of namespaces.values()) for (const { group } of methods.values()) modules.set(group.module, group.file);
  const imports = [...modules].map(([module, file]) => `import type * as ${module} from "../../../functions/src/contracts/${file.replace(/\.ts$/, ".js")}";`);
  const table = [...namespaces].map(([namespace, methods]) => {
    const rows = [...methods].map(([method, m]) =>
      `    ${method}: { operationId: ${q(m.route.operationId)}, method: ${q(m.route.method)}, path: ${q(m.route.path)}, pathParams: [${m.pathParams.map(q).join(", ")}], input: ${q(m.inputIn)}, paged: ${m.paged} },`);
    return `  ${namespace}: {\n${rows.join("\n")}\n  },`;
  });
  const types = [...namespaces].map(([namespace, methods]) => {
    const rows = [...methods].map(([method, m]) => `    ${method}: typeof ${m.group.module}.${m.group.exportName}.${m.key};`);
    return `  ${namespace}: {\n${rows.join("\n")}\n  };`;
  });
  return `// Generated by sdk/scripts/generate-routes.mjs from functions/src/contracts: do not edit.
${imports.join("\n")}

/** Every route, as the runtime needs it: no schemas, so no zod in the bundle. */
export const routeTable = {
${table.join("\n")}
} as const;

/** The declaration behind each method, for the request and response types. */
export interface RouteDeclarations {
${types.join("\n")}
}

/** The closed set of problem codes the API answers with. */
export const problemCodes = [${problemCodes.map(q).join(", ")}] as const;
`;
}

function q(text) {
  return JSON.stringify(text);
}
