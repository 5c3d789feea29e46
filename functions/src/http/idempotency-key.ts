import type { RouteSpec } from "../contracts/route.js";
import { AppError } from "../domain/app-error.js";
import type { HttpRequest } from "./http-types.js";

/** The syntax of an `Idempotency-Key`: 1 to 255 printable ASCII characters. */
export const idempotencyKeyPattern = /^[\x20-\x7E]{1,255}$/;

/** The `Idempotency-Key` of a POST, if it has one; a key that breaks the syntax makes the request malformed. */
export function readIdempotencyKey(req: HttpRequest, spec: RouteSpec): string | undefined {
  if (spec.method !== "POST") return undefined;
  const key = req.headers["idempotency-key"];
  if (key === undefined) return undefined;
  if (typeof key !== "string" || !idempotencyKeyPattern.test(key)) {
    throw new AppError("malformed_request", "Idempotency-Key must be 1 to 255 printable ASCII characters");
  }
  return key;
}
