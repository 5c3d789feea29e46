import { AppError } from "../domain/app-error.js";

/** A request target as the client wrote it: the decoded segments of its path, and its query. */
export interface RequestTarget {
  /** `/v1/claims/` gives `["v1", "claims", ""]`; `%2F` stays inside its segment. */
  segments: string[];
  /** Each parameter's value, or its values in order when it repeats; `+` is a space. */
  query: Record<string, string | string[]>;
}

/**
 * Reads `/v1/claims?limit=5` strictly. A `%` without two hex digits after it, or escapes whose
 * bytes are not UTF-8, make the request malformed: the runtimes' own parsers guess instead (keep
 * the text as it came, or put U+FFFD in its place), and we would validate their guess rather
 * than what the client sent. The query is parsed here too, so that it reads the same in the
 * emulator (Express 4, `qs`) and in production (Express 5, `querystring`).
 */
export function readRequestTarget(url: string): RequestTarget {
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (!path.startsWith("/")) throw malformed();
  const segments = path.slice(1).split("/").map((segment) => decode(segment));
  const values = new Map<string, string[]>();
  for (const pair of queryStart === -1 ? [] : url.slice(queryStart + 1).split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const name = decode((equals === -1 ? pair : pair.slice(0, equals)).replaceAll("+", " "));
    const value = equals === -1 ? "" : decode(pair.slice(equals + 1).replaceAll("+", " "));
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  // fromEntries defines each name as an own property, `__proto__` included.
  const query = Object.fromEntries([...values].map(([name, all]) => [name, all.length === 1 ? all[0]! : all]));
  return { segments, query };
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    throw malformed();
  }
}

const malformed = () => new AppError("malformed_request", "the request target must be a path, percent-encoded in UTF-8");
