/**
 * Structured operational logs. `code` is stable, so an operator can count and alert on it (a
 * log-based metric in production); `fields` carry ids and causes, never secrets or PII.
 */
export interface Logger {
  info(code: string, fields?: Record<string, unknown>): void;
  warn(code: string, fields?: Record<string, unknown>): void;
  error(code: string, fields?: Record<string, unknown>): void;
}
