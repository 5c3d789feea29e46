import { problemCodes } from "./generated/routes.js";

/** A code of the API's problem+json answers. */
export type ProblemCode = (typeof problemCodes)[number];

/**
 * What went wrong: a problem code of the API, or, when no answer came, `network_error`; an answer
 * that is not a problem document (a proxy's HTML page) is `unexpected_response`.
 */
export type UserXErrorCode = ProblemCode | "network_error" | "unexpected_response";

/** One invalid part of a request: `location` is `body.tasks.0.title`, `query.limit`… */
export interface FieldError {
  location: string;
  message: string;
}

/** The body of an API error: RFC 9457 problem+json with our stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Every failed call rejects with one of these; switch on `code`, quote `requestId` to support. */
export class UserXError extends Error {
  override readonly name = "UserXError";
  readonly code: UserXErrorCode;
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  /** Per-field validation errors (`validation_failed`). */
  readonly errors: readonly FieldError[];
  /** The whole problem document, with any extension members (`claimId` of `already_claimed`…). */
  readonly problem: Problem | undefined;

  constructor(fields: { code: UserXErrorCode; status: number; title: string; detail?: string; requestId?: string; errors?: readonly FieldError[]; problem?: Problem }, options?: ErrorOptions) {
    super(fields.detail ?? fields.title, options);
    this.code = fields.code;
    this.status = fields.status;
    this.title = fields.title;
    this.detail = fields.detail;
    this.requestId = fields.requestId;
    this.errors = fields.errors ?? [];
    this.problem = fields.problem;
  }
}

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === "string" && (problemCodes as readonly string[]).includes(value);
}

/** The error of a non-2xx answer: the problem document when there is one, else what we know. */
export function errorFromResponse(status: number, body: unknown, requestId: string | undefined): UserXError {
  if (isProblem(body)) {
    return new UserXError({
      code: body.code,
      status,
      title: body.title,
      ...(body.detail === undefined ? {} : { detail: body.detail }),
      ...(requestId ?? body.requestId ? { requestId: (body.requestId ?? requestId) as string } : {}),
      errors: Array.isArray(body.errors) ? body.errors : [],
      problem: body,
    });
  }
  return new UserXError({ code: "unexpected_response", status, title: `Unexpected answer (HTTP ${status})`, ...(requestId ? { requestId } : {}) });
}

function isProblem(body: unknown): body is Problem {
  return typeof body === "object" && body !== null && isProblemCode((body as { code?: unknown }).code) && typeof (body as { title?: unknown }).title === "string";
}
