import type { ProblemCode } from "../contracts/problems.js";

/** Every failure that crosses a layer boundary carries a problem code of the API; http/ maps them to statuses. */
export type ErrorCode = ProblemCode;

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
