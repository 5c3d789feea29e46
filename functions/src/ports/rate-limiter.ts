import type { RateClass } from "../domain/identity/rate-limits.js";

/** Where a key stands after one request was counted against its limit. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
}

/** Counts requests per key and class over fixed windows (domain/identity/rate-limits.ts has the limits). */
export interface RateLimiter {
  consume(rateClass: RateClass, key: string): Promise<RateDecision>;
}
