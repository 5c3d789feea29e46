/** Every failure that crosses a layer boundary carries one of these codes; http/ maps them to statuses. */
export const errorCodes = [
  "malformed_request",
  "validation_failed",
  "unauthenticated",
  "forbidden",
  "not_found",
  "route_not_found",
  "method_not_allowed",
  "conflict",
  "invalid_state",
  "capacity_exhausted",
  "not_supported",
  "destination_refused",
  "already_claimed",
  "idempotency_key_reused",
  "idempotency_key_in_use",
  "shown_once",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "unavailable",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
