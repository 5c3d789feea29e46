import type { RouteEntry } from "./route-entry.js";

/** One HTTP request of a method call: the path with its parameters and query filled in. */
export interface HttpCall {
  method: RouteEntry["method"];
  path: string;
  body?: Record<string, unknown>;
}

/**
 * Splits a method's flat input into the request: path parameters into the path, the rest into
 * the query string or the JSON body, as the route declares. A key the route has no place for is
 * a programming error, thrown rather than silently dropped.
 */
export function toHttpCall(route: RouteEntry, input: Readonly<Record<string, unknown>> = {}): HttpCall {
  const rest: Record<string, unknown> = { ...input };
  let path: string = route.path;
  for (const name of route.pathParams) {
    const value = rest[name];
    if (typeof value !== "string" || value === "") throw new TypeError(`${route.operationId}: ${name} is required`);
    path = path.replace(`{${name}}`, encodeURIComponent(value));
    delete rest[name];
  }
  const defined = Object.entries(rest).filter(([, value]) => value !== undefined);
  if (route.input === "body") return { method: route.method, path, body: Object.fromEntries(defined) };
  if (route.input === "none") {
    if (defined.length > 0) throw new TypeError(`${route.operationId} takes no ${defined.map(([key]) => key).join(", ")}`);
    return { method: route.method, path };
  }
  const query = new URLSearchParams();
  for (const [key, value] of defined) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
  }
  const search = query.toString();
  return { method: route.method, path: search ? `${path}?${search}` : path };
}
