import { routeTable, type RouteDeclarations } from "./generated/routes.js";
import { toHttpCall } from "./http-call.js";
import type { Namespace } from "./method-types.js";
import { allPages, type Page } from "./pagination.js";
import type { RouteEntry } from "./route-entry.js";
import { createTransport, type CallOptions, type ClientOptions, type Send } from "./transport.js";

/** The client: one namespace per resource, one method per route of the API. */
export type UserXClient = { [N in keyof RouteDeclarations]: Namespace<RouteDeclarations[N]> };

type Input = Record<string, unknown> | undefined;
type AnyMethod = (input?: Input, options?: CallOptions) => unknown;

/**
 * ```ts
 * const client = createClient({ baseUrl: "https://app.example.com", credentials: () => apiKey });
 * const opportunity = await client.opportunities.get({ opportunityId });
 * for await (const claim of client.claims.listAll({ status: "active" })) …
 * ```
 */
export function createClient(options: ClientOptions = {}): UserXClient {
  const send = createTransport(options);
  const namespaces = Object.entries(routeTable as Record<string, Record<string, RouteEntry>>).map(([namespace, routes]) => {
    const methods: Record<string, AnyMethod> = {};
    for (const [name, route] of Object.entries(routes)) {
      methods[name] = method(send, route);
      if (route.paged) methods[`${name}All`] = allMethod(send, route);
    }
    return [namespace, methods] as const;
  });
  return Object.fromEntries(namespaces) as unknown as UserXClient;
}

function method(send: Send, route: RouteEntry): AnyMethod {
  return (input, options) => send(toHttpCall(route, input), options);
}

function allMethod(send: Send, route: RouteEntry): AnyMethod {
  return (input, options) => allPages((cursor) => send<Page<unknown>>(toHttpCall(route, { ...input, cursor }), options));
}
