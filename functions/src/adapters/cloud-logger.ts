import { logger } from "firebase-functions";
import type { Logger } from "../ports/logger.js";
import { traceLogFields } from "./trace-context.js";

// The code is the message and a field of its own, so a log-based metric can match on it exactly;
// every entry names the trace of the work it belongs to, when it runs in one.
export const cloudLogger: Logger = {
  info: (code, fields = {}) => logger.info(code, { code, ...fields, ...traceLogFields() }),
  warn: (code, fields = {}) => logger.warn(code, { code, ...fields, ...traceLogFields() }),
  error: (code, fields = {}) => logger.error(code, { code, ...fields, ...traceLogFields() }),
};
