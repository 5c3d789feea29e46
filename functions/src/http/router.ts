import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import type { RouteSpec } from "../contracts/route.js";
import { AppError, type ErrorCode } from "../domain/app-error.js";
import type { Principal } from "../domain/identity/principal.js";
import { rateClassOf, rateKeyOf } from "../domain/identity/rate-limits.js";
import { assertSteppedUp } from "../domain/identity/step-up.js";
import type { IdempotencyStore, StoredResponse } from "../ports/idempotency-store.js";
import type { RateDecision, RateLimiter } from "../ports/rate-limiter.js";
import type { HttpHandler, HttpRequest, HttpResponse } from "./http-types.js";
import { clientAddressOf } from "./client-address.js";
import { readIdempotencyKey } from "./idempotency-key.js";
import { runInTrace, traceOfRequest } from "../adapters/trace-context.js";
import { logger, requestLogFields } from "./logger.js";
import { allowOrigin, answerPreflight, isPreflight } from "./cors.js";
import { setDeprecationHeaders } from "./deprecation.js";
import { compilePath } from "./path-pattern.js";
import { problemFor, retryAfterSecondsByCode, statusByCode } from "./problem.js";
import { bodyLimitOf, parseBody, readRawBody } from "./request-body.js";
import { readRequestTarget, type RequestTarget } from "./request-target.js";
import { sendBody } from "./respond.js";
import type { BoundRoute } from "./route-handler.js";
import { validate } from "./validation.js";

/** Turns the Authorization header into a principal as the route's auth demands. */
export type Authenticate = (authorization: string | undefined, spec: RouteSpec, clientAddress: string) => Promise<Principal | undefined>;

/** A privileged action that succeeded, for the audit log (app/audit/record-audit.ts). */
export interface AuditedRequest {
  action: `${string}.${string}`;
  principal: Principal;
  params: Record<string, unknown> | undefined;
  body: unknown;
  output: unknown;
  clientAddress: string;
  requestId: string;
}

export interface RouterDeps {
  authenticate: Authenticate;
  /** The origins whose browsers may call the API (CORS); none when absent. */
  corsOrigins?: readonly string[];
  idempotency: IdempotencyStore;
  limiter: RateLimiter;
  /** Records the success of a route that declares an `audit` action; never throws. */
  audit: (request: AuditedRequest) => Promise<void>;
  now: () => Date;
}

interface CompiledRoute extends BoundRoute {
  match: (segments: readonly string[]) => Record<string, string> | undefined;
}

// A route that declares no query takes none: unknown parameters are refused, as unknown fields are.
const noQuery = z.strictObject({});

/**
 * The one HTTP pipeline of every HTTPS function: read the request, match, authenticate,
 * validate the input, replay or record idempotent POSTs, run the handler, validate and send its
 * output, and turn every failure into a problem document.
 */
export function createRouter(routes: readonly BoundRoute[], deps: () => Promise<RouterDeps>): HttpHandler {
  const compiled: CompiledRoute[] = routes.map((route) => ({ ...route, match: compilePath(route.spec.path) }));
  // Each request is a hop of the trace its caller sent (or the first of a new one): what it logs,
  // the events it writes and the tasks it enqueues carry that trace on.
  return (req, res) =>
    runInTrace(traceOfRequest(req.headers), async () => {
      const requestId = String(req.headers["function-execution-id"] ?? randomUUID());
      const started = performance.now();
      res.setHeader("x-request-id", requestId);
      let status: number;
      try {
        const target = readRequestTarget(req.url);
        const routerDeps = await deps();
        const corsOrigins = routerDeps.corsOrigins ?? [];
        if (isPreflight(req)) {
          answerPreflight(req, res, corsOrigins, methodsOn(compiled, target, req));
          status = 204;
        } else {
          allowOrigin(req, res, corsOrigins);
          const { route, params } = matchRoute(compiled, target, req, res);
          // Whatever the answer, a client of a deprecated route learns it is.
          setDeprecationHeaders(res, route.spec);
          const response = await serve(route, params, target, req, res, requestId, routerDeps);
          status = response.status;
          send(res, response);
        }
      } catch (error) {
        const response = problemResponse(error, req, requestId);
        status = response.status;
        send(res, response);
      }
      // One entry a request, under its trace: where the trace of everything it caused begins.
      logger.info("request.served", { code: "request.served", ...requestLogFields(req, requestId), status, latencyMs: Math.round(performance.now() - started) });
    });
}

function candidatesFor(routes: readonly CompiledRoute[], target: RequestTarget, req: HttpRequest) {
  const candidates = routes.flatMap((route) => {
    const params = route.match(target.segments);
    return params ? [{ route, params }] : [];
  });
  if (candidates.length === 0) throw new AppError("route_not_found", `no route ${req.path}`);
  return candidates;
}

/** The methods the routes on the request's path take, for a preflight. */
function methodsOn(routes: readonly CompiledRoute[], target: RequestTarget, req: HttpRequest): string[] {
  return [...new Set(candidatesFor(routes, target, req).map((c) => c.route.spec.method))];
}

function matchRoute(routes: readonly CompiledRoute[], target: RequestTarget, req: HttpRequest, res: HttpResponse) {
  const candidates = candidatesFor(routes, target, req);
  const found = candidates.find((c) => c.route.spec.method === req.method || (req.method === "HEAD" && c.route.spec.method === "GET"));
  if (!found) {
    res.setHeader("allow", [...new Set(candidates.map((c) => c.route.spec.method))].join(", "));
    throw new AppError("method_not_allowed", `${req.method} is not allowed on ${req.path}`);
  }
  return found;
}

async function serve(
  route: CompiledRoute,
  rawParams: Record<string, string>,
  target: RequestTarget,
  req: HttpRequest,
  res: HttpResponse,
  requestId: string,
  deps: RouterDeps,
): Promise<StoredResponse> {
  const { spec } = route;
  // A request that cannot be read is refused first, whoever sends it: that tells nobody anything.
  const key = readIdempotencyKey(req, spec);
  const raw = readRawBody(req, bodyLimitOf(spec));
  const json = spec.body ? parseBody(req, raw, spec.bodyFormat) : undefined;
  // Who is calling is settled before the input is validated, so strangers learn nothing from validation.
  const principal = await authenticateWithinLimits(deps, req, res, spec);
  const params = spec.params ? validate(spec.params, rawParams, "params") : undefined;
  const query = validate(spec.query ?? noQuery, target.query, "query");
  const body = spec.body ? validate(spec.body, json, "body") : undefined;
  // Once the request is known to be well formed, so a client fixes its input before asking the person to step up.
  if (spec.stepUp && principal) assertSteppedUp(principal, deps.now());

  const context = { params, query: spec.query ? query : undefined, body, principal: principal as Principal, requestId, idempotencyKey: key };
  const run = async (): Promise<StoredResponse> => {
    const output = await route.handle(context);
    const checked = spec.response.schema.safeParse(output);
    if (!checked.success) throw new Error(`response of ${spec.operationId} does not match its contract`, { cause: checked.error });
    // Recorded where the action runs, so a replay of the stored answer records nothing again.
    if (spec.audit && principal) {
      await deps.audit({ action: spec.audit, principal, params: params as Record<string, unknown> | undefined, body, output: checked.data, clientAddress: clientAddressOf(req), requestId });
    }
    return { status: spec.response.status, body: JSON.stringify(checked.data) };
  };

  if (key === undefined) return run();
  return runOnce(deps.idempotency, idempotencyScope(principal, spec), key, fingerprint(req, raw), deps.now(), {
    run: async () => {
      try {
        return await run();
      } catch (error) {
        // A refusal is a definite outcome: it is stored and replayed like a success.
        if (error instanceof AppError && statusByCode[error.code] < 500) return problemResponse(error, req, requestId);
        throw error;
      }
    },
    toStore: (response) => withoutShownOnce(spec, response),
    // The same principal only (the scope names it), and only while it still may do what it did.
    replay: async (stored) => {
      await route.authorize?.(context);
      return replayOf(spec, stored);
    },
  });
}

/**
 * Authenticates the caller and counts the request against their limit for the route's class; a
 * credential refused costs the client's address, and past that limit the address is answered 429
 * before its next guess is even checked against the refusal. The limit's state goes out as
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` on every answer.
 */
async function authenticateWithinLimits(deps: RouterDeps, req: HttpRequest, res: HttpResponse, spec: RouteSpec): Promise<Principal | undefined> {
  const address = clientAddressOf(req);
  const authorization = header(req, "authorization");
  let principal: Principal | undefined;
  try {
    principal = await deps.authenticate(authorization, spec, address);
  } catch (error) {
    if (authorization !== undefined && error instanceof AppError && error.code === "unauthenticated") enforce(res, await deps.limiter.consume("failed_auth", `address:${address}`));
    throw error;
  }
  enforce(res, await deps.limiter.consume(rateClassOf(spec), rateKeyOf(principal, address)));
  return principal;
}

function enforce(res: HttpResponse, decision: RateDecision): void {
  res.setHeader("ratelimit-limit", String(decision.limit));
  res.setHeader("ratelimit-remaining", String(decision.remaining));
  res.setHeader("ratelimit-reset", String(decision.resetSeconds));
  if (!decision.allowed) throw new AppError("rate_limited", `too many requests; try again in ${decision.resetSeconds} s`, { retryAfterSeconds: decision.resetSeconds });
}

/** The response as it is kept for replays: without the fields the route shows once (a new key, a signing secret). */
function withoutShownOnce(spec: RouteSpec, response: StoredResponse): StoredResponse {
  if (!spec.shownOnce || response.status >= 300) return response;
  const body: Record<string, unknown> = JSON.parse(response.body);
  for (const field of spec.shownOnce) delete body[field];
  return { status: response.status, body: JSON.stringify(body) };
}

/** A stored success of a route that shows a secret once is replayed as a problem that says so, naming what was created. */
function replayOf(spec: RouteSpec, stored: StoredResponse): StoredResponse {
  if (!spec.shownOnce || stored.status >= 300) return stored;
  const fields = spec.shownOnce.join(", ");
  throw new AppError(
    "shown_once",
    `the first request with this Idempotency-Key succeeded; its ${fields} was shown once, in that answer, and is not kept. Use it, or create another.`,
    { created: JSON.parse(stored.body) },
  );
}

/**
 * Same key and body → the stored response; same key, other body → 422; a first request still
 * running → 409. A request that failed validation never started, so it stores nothing (as with
 * Stripe); failures a retry could change (5xx) are not stored either.
 */
async function runOnce(
  store: IdempotencyStore,
  scope: string,
  key: string,
  print: string,
  now: Date,
  { run, toStore, replay }: { run: () => Promise<StoredResponse>; toStore: (response: StoredResponse) => StoredResponse; replay: (stored: StoredResponse) => Promise<StoredResponse> },
): Promise<StoredResponse> {
  const earlier = await store.begin(scope, key, print, now);
  if (earlier.state === "replay") return replay(earlier.response);
  if (earlier.state === "mismatch") throw new AppError("idempotency_key_reused", "this Idempotency-Key was used with another request");
  if (earlier.state === "in_progress") throw new AppError("idempotency_key_in_use", "a request with this Idempotency-Key is still running; retry later");
  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    await store.release(scope, key);
    throw error;
  }
  await store.complete(scope, key, toStore(response));
  return response;
}

function idempotencyScope(principal: Principal | undefined, spec: RouteSpec): string {
  const who = principal === undefined ? "anonymous" : principal.kind === "user" ? principal.userId : principal.keyId;
  return `${who}:${spec.operationId}`;
}

function fingerprint(req: HttpRequest, raw: Buffer): string {
  return createHash("sha256").update(`${req.method} ${req.path}\n`).update(raw).digest("base64url");
}

function header(req: HttpRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function problemResponse(error: unknown, req?: HttpRequest, requestId?: string): StoredResponse {
  // An internal failure tells the client nothing but the request id, whatever its message says.
  if (error instanceof AppError && error.code !== "internal") {
    const problem = problemFor(error.code, { detail: error.message, requestId, extensions: error.details });
    if (problem.status >= 500 && req && requestId) logger.error(error.message, { ...requestLogFields(req, requestId), code: error.code, cause: String(error.cause) });
    return { status: problem.status, body: JSON.stringify(problem) };
  }
  // Unknown failures say nothing of their cause to the client; the log has it, under the request id.
  if (req && requestId) {
    const cause = error instanceof Error && error.cause !== undefined ? String(error.cause) : undefined;
    // `stack_trace` is the field Error Reporting reads first, so these entries are grouped by where they were thrown.
    logger.error("unhandled error", { ...requestLogFields(req, requestId), stack_trace: error instanceof Error ? error.stack : String(error), cause });
  }
  const problem = problemFor("internal", { detail: "something went wrong on our side; quote the request id", requestId });
  return { status: problem.status, body: JSON.stringify(problem) };
}

function send(res: HttpResponse, response: StoredResponse): void {
  res.setHeader("cache-control", "no-store");
  const retryAfter = response.status >= 400 ? retryAfterOf(response.body) : undefined;
  if (retryAfter !== undefined) res.setHeader("retry-after", String(retryAfter));
  // Every answer of the router at 400 or above is a problem document.
  sendBody(res, response.status, response.body, response.status >= 400 ? "problem" : "json");
}

/** The `Retry-After` of a problem a retry can cure: its own (a rate limit's reset), else its code's (problem.ts). */
function retryAfterOf(problemBody: string): number | undefined {
  try {
    const { code, retryAfterSeconds } = JSON.parse(problemBody) as { code?: unknown; retryAfterSeconds?: unknown };
    if (typeof retryAfterSeconds === "number") return retryAfterSeconds;
    return typeof code === "string" && Object.hasOwn(retryAfterSecondsByCode, code) ? retryAfterSecondsByCode[code as ErrorCode] : undefined;
  } catch {
    return undefined;
  }
}
