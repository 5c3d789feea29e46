import { AppError } from "../domain/app-error.js";
import type { HttpRequest } from "./http-types.js";

/** Largest JSON body any route accepts; larger requests are refused before parsing. */
export const bodyLimitBytes = 64 * 1024;

/** The raw bytes of the body, checked for size and media type. */
export function readRawBody(req: HttpRequest): Buffer {
  const raw = req.rawBody ?? Buffer.alloc(0);
  const declared = Number(req.headers["content-length"] ?? raw.length);
  if (raw.length > bodyLimitBytes || declared > bodyLimitBytes) {
    throw new AppError("payload_too_large", `bodies are limited to ${bodyLimitBytes} bytes`);
  }
  return raw;
}

export function parseJsonBody(req: HttpRequest, raw: Buffer): unknown {
  const contentType = req.headers["content-type"] ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new AppError("unsupported_media_type", "send the body as application/json");
  }
  if (raw.length === 0) throw new AppError("malformed_request", "the request needs a JSON body");
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError("malformed_request", "the body is not valid JSON");
  }
}
