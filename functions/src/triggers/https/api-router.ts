import { recordAudit } from "../../app/audit/record-audit.js";
import { authenticate } from "../../app/identity/authenticate.js";
import { getDeps } from "../../deps.js";
import { createRouter, type RouterDeps } from "../../http/router.js";
import type { BoundRoute } from "../../http/route-handler.js";
import type { HttpHandler } from "../../http/http-types.js";

/** The router of an API function, wired to the instance's dependencies. */
export function apiRouter(routes: readonly BoundRoute[]): HttpHandler {
  return createRouter(routes, async (): Promise<RouterDeps> => {
    const deps = getDeps();
    return {
      authenticate: (authorization, spec, clientAddress) => authenticate(deps, authorization, spec.auth, clientAddress),
      corsOrigins: deps.config.corsOrigins,
      idempotency: deps.idempotency,
      limiter: deps.limiter,
      audit: (request) => recordAudit(deps, request),
      now: () => deps.clock.now(),
    };
  });
}
