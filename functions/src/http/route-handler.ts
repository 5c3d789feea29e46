import type { RouteBody, RouteOutput, RouteParams, RouteQuery, RouteSpec } from "../contracts/route.js";
import type { Principal } from "../domain/identity/principal.js";

/** What a route's handler receives: validated input and, unless the route is public, who is calling. */
export interface RouteContext<R extends RouteSpec> {
  params: RouteParams<R>;
  query: RouteQuery<R>;
  body: RouteBody<R>;
  principal: R["auth"]["kind"] extends "public" ? Principal | undefined : Principal;
  requestId: string;
  /** The request's Idempotency-Key, for a handler that recognises a retry whose first answer was lost. */
  idempotencyKey: string | undefined;
}

export type RouteHandler<R extends RouteSpec> = (context: RouteContext<R>) => Promise<RouteOutput<R>>;

export interface BoundRoute {
  spec: RouteSpec;
  handle: (context: RouteContext<RouteSpec>) => Promise<unknown>;
  /**
   * The permission check of the handler alone, without its effect. A replayed idempotent response
   * is served only after it passes again, so a caller who lost the permission since the first
   * request does not get its answer back.
   */
  authorize?: (context: RouteContext<RouteSpec>) => Promise<void>;
}

/** Pairs a route declaration with its handler; the types of both come from the declaration. */
export function bind<R extends RouteSpec>(spec: R, handle: RouteHandler<R>, options: { authorize?: (context: RouteContext<R>) => Promise<void> } = {}): BoundRoute {
  return {
    spec,
    handle: handle as BoundRoute["handle"],
    ...(options.authorize && { authorize: options.authorize as NonNullable<BoundRoute["authorize"]> }),
  };
}
