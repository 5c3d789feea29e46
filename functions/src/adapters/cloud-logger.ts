import { logger } from "firebase-functions";
import type { Logger } from "../ports/logger.js";

// The code is the message and a field of its own, so a log-based metric can match on it exactly.
export const cloudLogger: Logger = {
  info: (code, fields = {}) => logger.info(code, { code, ...fields }),
  warn: (code, fields = {}) => logger.warn(code, { code, ...fields }),
  error: (code, fields = {}) => logger.error(code, { code, ...fields }),
};
