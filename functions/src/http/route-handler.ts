import type { RouteBody, RouteOutput, RouteParams, RouteQuery, RouteSpec } from "../contracts/route.js";
import type { Principal } from "../domain/identity/principal.js";

/** What a route's handler receives: validated input and, unless the route is public, who is calling. */
export interface RouteContext<R extends RouteSpec> {
  params: RouteParams<R>;
  query: RouteQuery<R>;
  body: RouteBody<R>;
  principal: R["auth"]["kind"] extends "public" ? Principal | undefined : Principal;
  requestId: string;
}

export type RouteHandler<R extends RouteSpec> = (context: RouteContext<R>) => Promise<RouteOutput<R>>;

export interface BoundRoute {
  spec: RouteSpec;
  handle: (context: RouteContext<RouteSpec>) => Promise<unknown>;
}

/** Pairs a route declaration with its handler; the types of both come from the declaration. */
export function bind<R extends RouteSpec>(spec: R, handle: RouteHandler<R>): BoundRoute {
  return { spec, handle: handle as BoundRoute["handle"] };
}
