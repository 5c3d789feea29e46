import type { HttpRequest } from "./http-types.js";

/**
 * The client's address, as the trusted hop in front of the functions saw it: Firebase Hosting,
 * whose CDN (Fastly) sets `Fastly-Client-IP` to the address that connected to it. Without that
 * header (a request not through Hosting: the local platform's direct calls, Cloud Tasks), the
 * first address of `X-Forwarded-For` that Google's front end passes on, else the socket's. The
 * functions accept traffic only through Hosting and Google's own callers (terraform: ingress), so
 * a client cannot name another address than its own here.
 */
export function clientAddressOf(req: HttpRequest): string {
  const fromCdn = single(req.headers["fastly-client-ip"]);
  if (fromCdn) return fromCdn.trim();
  const forwarded = single(req.headers["x-forwarded-for"])?.split(",")[0]?.trim();
  if (forwarded) return forwarded;
  return req.ip ?? "unknown";
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
