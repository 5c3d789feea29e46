import type { RouteSpec } from "../contracts/route.js";
import type { HttpResponse } from "./http-types.js";

const midnightUtc = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * The headers that tell a client of a deprecated route what to do, on every answer it gets:
 * `Deprecation` with the date it was deprecated as an RFC 9651 date (`@<seconds>`, RFC 9745),
 * `Sunset` with the day it stops answering as an HTTP date (RFC 8594), and a `Link` to its successor.
 */
export function deprecationHeaders(deprecated: NonNullable<RouteSpec["deprecated"]>): Record<string, string> {
  return {
    deprecation: `@${midnightUtc(deprecated.since).getTime() / 1_000}`,
    sunset: midnightUtc(deprecated.sunset).toUTCString(),
    link: `<${deprecated.successor}>; rel="successor-version"`,
  };
}

export function setDeprecationHeaders(res: HttpResponse, spec: RouteSpec): void {
  if (!spec.deprecated) return;
  for (const [name, value] of Object.entries(deprecationHeaders(spec.deprecated))) res.setHeader(name, value);
}
