/**
 * The closed set of `code`s a problem+json answer of the API carries: part of the contract, so
 * clients (the SDK's `UserXError`) can switch over them exhaustively.
 */
export const problemCodes = [
  "malformed_request",
  "validation_failed",
  "unauthenticated",
  "forbidden",
  "mfa_required",
  "not_found",
  "route_not_found",
  "method_not_allowed",
  "conflict",
  "invalid_state",
  "capacity_exhausted",
  "budget_exhausted",
  "insufficient_points",
  "pool_exhausted",
  "not_supported",
  "destination_refused",
  "already_claimed",
  "claim_limit_reached",
  "claim_cooldown",
  "not_eligible",
  "idempotency_key_reused",
  "idempotency_key_in_use",
  "shown_once",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "unavailable",
  "internal",
] as const;
export type ProblemCode = (typeof problemCodes)[number];
