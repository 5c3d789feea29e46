import { AppError } from "../domain/app-error.js";
import type { HttpRequest, HttpResponse } from "./http-types.js";

// Cross-origin calls from browsers on configured origins (CORS_ALLOWED_ORIGINS): a partner's own
// dashboard calling the API with a bearer token. The web app itself is same-origin behind Hosting
// and needs none of this. Credentials mode is never allowed: the API reads no cookies.

/** What a browser may send besides the CORS-safelisted headers. */
const allowedRequestHeaders = ["authorization", "content-type", "idempotency-key", "traceparent"];
/** What a browser script may read of an answer besides the CORS-safelisted headers. */
const exposedHeaders = ["x-request-id", "retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "deprecation", "sunset", "link", "allow"];
const preflightMaxAgeSeconds = 600;

const header = (req: HttpRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** An OPTIONS request a browser sends before a cross-origin call, naming the method it wants. */
export const isPreflight = (req: HttpRequest): boolean => req.method === "OPTIONS" && header(req, "origin") !== undefined && header(req, "access-control-request-method") !== undefined;

/** Lets a browser on an allowed origin read the answer and the headers it needs; any answer to a request with an Origin varies by it. */
export function allowOrigin(req: HttpRequest, res: HttpResponse, allowedOrigins: readonly string[]): void {
  const origin = header(req, "origin");
  if (origin === undefined) return;
  res.setHeader("vary", "Origin");
  if (!allowedOrigins.includes(origin)) return;
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-expose-headers", exposedHeaders.join(", "));
}

/**
 * The answer to a preflight for a path that takes `methods`: what an allowed origin may send there,
 * cached by the browser for ten minutes. Another origin is refused with a problem, so the browser
 * blocks the call and a developer reading the network log sees why.
 */
export function answerPreflight(req: HttpRequest, res: HttpResponse, allowedOrigins: readonly string[], methods: readonly string[]): void {
  const origin = header(req, "origin") ?? "";
  res.setHeader("vary", "Origin");
  if (!allowedOrigins.includes(origin)) throw new AppError("forbidden", `the origin ${origin} may not call this API from a browser`);
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-allow-methods", [...methods, ...(methods.includes("GET") ? ["HEAD"] : [])].join(", "));
  res.setHeader("access-control-allow-headers", allowedRequestHeaders.join(", "));
  res.setHeader("access-control-max-age", String(preflightMaxAgeSeconds));
  res.status(204);
  res.send("");
}
