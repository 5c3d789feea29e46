import type { ErrorCode } from "../domain/app-error.js";

/** The single table from error code to HTTP status. */
export const statusByCode: Record<ErrorCode, number> = {
  malformed_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  mfa_required: 403,
  not_eligible: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_state: 409,
  capacity_exhausted: 409,
  budget_exhausted: 409,
  insufficient_points: 409,
  pool_exhausted: 409,
  already_claimed: 409,
  claim_limit_reached: 409,
  claim_cooldown: 409,
  idempotency_key_in_use: 409,
  shown_once: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  not_supported: 422,
  destination_refused: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

const titles: Record<ErrorCode, string> = {
  malformed_request: "The request could not be read",
  validation_failed: "The request is not valid",
  unauthenticated: "Authentication is required",
  forbidden: "Not allowed",
  mfa_required: "A recent second factor is required",
  not_found: "Not found",
  route_not_found: "No such route",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict with the current state",
  invalid_state: "Not possible in the current state",
  capacity_exhausted: "No capacity left",
  budget_exhausted: "No budget left",
  insufficient_points: "Not enough points",
  pool_exhausted: "No codes left",
  not_supported: "Not supported yet",
  destination_refused: "Destination not allowed",
  already_claimed: "Already claimed",
  claim_limit_reached: "No claims left for you on this opportunity",
  claim_cooldown: "Too soon to claim again",
  not_eligible: "Not eligible for this opportunity",
  idempotency_key_in_use: "A request with this Idempotency-Key is still in progress",
  shown_once: "Shown once, not kept",
  payload_too_large: "Request body too large",
  unsupported_media_type: "Unsupported media type",
  idempotency_key_reused: "Idempotency-Key reused with a different request",
  rate_limited: "Too many requests",
  internal: "Internal error",
  unavailable: "Service unavailable",
};

/**
 * Seconds a client should wait before retrying, sent as `Retry-After` with the problems a retry
 * can cure: a dependency that is down (a database failover or restart takes seconds, so sooner
 * would only add load while it comes back) and a first request with the same key still running.
 */
export const retryAfterSecondsByCode: Partial<Record<ErrorCode, number>> = {
  unavailable: 5,
  idempotency_key_in_use: 2,
};

/** An RFC 9457 problem document; `code` is our stable extension member. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

export function problemFor(
  code: ErrorCode,
  fields: { detail?: string; requestId?: string; extensions?: Readonly<Record<string, unknown>> } = {},
): Problem {
  return {
    ...fields.extensions,
    type: `https://docs.user-x.dev/problems/${code}`,
    title: titles[code],
    status: statusByCode[code],
    code,
    ...(fields.detail === undefined ? {} : { detail: fields.detail }),
    ...(fields.requestId === undefined ? {} : { requestId: fields.requestId }),
  };
}
