import { logger } from "firebase-functions";
import { traceLogFields } from "../adapters/trace-context.js";
import type { HttpRequest } from "./http-types.js";

/** Fields that tie a log entry to its request in Cloud Logging: request id, method, path, and the trace it runs in. */
export function requestLogFields(req: HttpRequest, requestId: string): Record<string, string | boolean> {
  return { requestId, method: req.method, path: req.path, ...traceLogFields() };
}

export { logger };
