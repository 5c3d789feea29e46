import type { RouteSpec } from "../contracts/route.js";
import { AppError } from "../domain/app-error.js";
import type { HttpRequest } from "./http-types.js";

/** Largest body a route that takes one accepts, unless its declaration says otherwise. */
export const defaultBodyLimitBytes = 64 * 1024;

/** How many bytes of body a route accepts: its declared limit, the default, or none when it takes no body. */
export function bodyLimitOf(spec: RouteSpec): number {
  return spec.body ? (spec.bodyLimitBytes ?? defaultBodyLimitBytes) : 0;
}

/**
 * The body's bytes, refused when the length the client declared or the bytes it sent exceed
 * `limit`. The Functions runtime reads a body whole before our code runs, so by the time this
 * refuses one the client has finished sending it, and the connection stays usable.
 */
export function readRawBody(req: HttpRequest, limit: number): Buffer {
  const raw = req.rawBody ?? Buffer.alloc(0);
  if (declaredLength(req) > limit || raw.length > limit) {
    throw new AppError("payload_too_large", limit === 0 ? "this route takes no body" : `the body of this route is limited to ${limit} bytes`);
  }
  return raw;
}

function declaredLength(req: HttpRequest): number {
  const header = req.headers["content-length"];
  if (header === undefined) return 0;
  if (!/^\d+$/.test(header)) throw new AppError("malformed_request", "Content-Length is not a number of bytes");
  return Number(header);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Parses a body as the route declares it: JSON, or JSON or an HTML form's urlencoded fields. */
export function parseBody(req: HttpRequest, raw: Buffer, format: RouteSpec["bodyFormat"] = "json"): unknown {
  if (format === "form_or_json" && isFormMediaType(req.headers["content-type"])) return parseFormBody(raw);
  return parseJsonBody(req, raw);
}

/**
 * An application/x-www-form-urlencoded body as an object of strings: a field sent twice is refused
 * (which value would count is anyone's guess), as are bytes that are not UTF-8.
 */
function parseFormBody(raw: Buffer): Record<string, string> {
  let text: string;
  try {
    text = utf8.decode(raw);
    decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw new AppError("malformed_request", "the form body is not UTF-8 or has a malformed percent-encoding");
  }
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(text)) {
    if (Object.hasOwn(fields, name)) throw new AppError("malformed_request", `the form field ${name} is sent twice`);
    fields[name] = value;
  }
  return { ...fields };
}

function isFormMediaType(contentType: string | undefined): boolean {
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test((contentType ?? "").trim());
}

/** Parses a JSON body: `application/json` or `application/…+json`, UTF-8, one JSON text. */
export function parseJsonBody(req: HttpRequest, raw: Buffer): unknown {
  if (!isJsonMediaType(req.headers["content-type"])) {
    throw new AppError("unsupported_media_type", "send the body as application/json, in UTF-8");
  }
  if (raw.length === 0) throw new AppError("malformed_request", "the request needs a JSON body");
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new AppError("malformed_request", "the body is not UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("malformed_request", "the body is not valid JSON");
  }
}

function isJsonMediaType(contentType: string | undefined): boolean {
  const [essence = "", ...parameters] = (contentType ?? "").split(";").map((part) => part.trim());
  if (!/^application\/([\w.+-]+\+)?json$/i.test(essence)) return false;
  return parameters.every((parameter) => {
    const [name = "", value = ""] = parameter.split("=").map((part) => part.trim());
    return name.toLowerCase() !== "charset" || /^"?utf-8"?$/i.test(value);
  });
}
