/** How a call is retried when the network fails or the API answers 429 or 503. */
export interface RetryOptions {
  /** Tries in all, the first included. 1 turns retries off. */
  attempts?: number;
  /** The first backoff's ceiling; each retry doubles it. */
  baseDelayMs?: number;
  /** No wait is longer than this, `Retry-After` included: a longer one fails the call instead. */
  maxDelayMs?: number;
}

export const defaultRetry: Required<RetryOptions> = { attempts: 4, baseDelayMs: 250, maxDelayMs: 20_000 };

/** Statuses a retry can cure: rate limits and a dependency that is down for a moment. */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 503]);

/**
 * The wait before retry number `retry` (1-based): exponential backoff with full jitter, so clients
 * that failed together do not come back together; never shorter than the server's `Retry-After`.
 * `undefined` when the server asks for a longer wait than the client accepts.
 */
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, options: Required<RetryOptions>, random: () => number = Math.random): number | undefined {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  const backoff = Math.round(random() * ceiling);
  if (retryAfterMs === undefined) return backoff;
  if (retryAfterMs > options.maxDelayMs) return undefined;
  return Math.max(retryAfterMs, backoff);
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
