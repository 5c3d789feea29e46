/**
 * When a webhook message is attempted again, as data (Standard Webhooks, as Svix schedules it):
 * the first attempt at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each
 * spread by ±20% so that the messages of an endpoint that came back do not all arrive at once.
 * After the eighth failure the message is exhausted. Delays here are real time; a test-only time
 * scale (config.ts, WEBHOOK_TIME_SCALE) divides them when tasks are scheduled, never here.
 */
export const retrySchedule = {
  /** The wait before attempt n+1, for n = 0 (the first attempt, at once) … 7. */
  delaysMs: [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000],
  jitter: 0.2,
  /** A timed-out attempt or a 429 means the receiver is overloaded: the next one waits at least a minute. */
  overloadedMinimumMs: 60_000,
  /** `Retry-After` is honoured up to the longest step of the schedule, so a receiver cannot park a message for days. */
  retryAfterMaximumMs: 10 * 3_600_000,
  /** `message.attempt.failing.v1` is sent once a message has failed this many times. */
  failingAfterFailures: 4,
  /** An endpoint failing without a single success for this long is disabled (Svix: 5 days). */
  disableAfterFailingMs: 5 * 24 * 3_600_000,
  /** The longest attempt: the whole request, connect to last byte (adapters/webhooks/standard-webhook-sender.ts). */
  requestTimeoutMs: 15_000,
} as const;

/** How many attempts a message gets in all. */
export const maxAttempts = retrySchedule.delaysMs.length;

/** What an attempt's answer says about when to try again. */
export interface AttemptAnswer {
  status: number | null;
  /** The attempt ran out of time (no answer within the request timeout). */
  timedOut: boolean;
  /** The receiver's `Retry-After`, in ms from the answer; null when absent or unreadable. */
  retryAfterMs: number | null;
}

/**
 * The wait before the next attempt after `attemptsMade` attempts, the last of which failed with
 * `answer`; null when the message has had all its attempts. `random` is in [0, 1): jitter only.
 * `Retry-After` is a floor (the receiver asked for no sooner), capped at retryAfterMaximumMs;
 * a timeout or 429 waits at least overloadedMinimumMs.
 */
export function nextDelayMs(attemptsMade: number, answer: AttemptAnswer, random: number): number | null {
  if (attemptsMade >= maxAttempts) return null;
  const scheduled = retrySchedule.delaysMs[attemptsMade] ?? 0;
  let delay = Math.round(scheduled * (1 - retrySchedule.jitter + 2 * retrySchedule.jitter * random));
  if (answer.retryAfterMs !== null) delay = Math.max(delay, Math.min(answer.retryAfterMs, retrySchedule.retryAfterMaximumMs));
  if (answer.timedOut || answer.status === 429) delay = Math.max(delay, retrySchedule.overloadedMinimumMs);
  return delay;
}

/** What a failed attempt's answer does beyond scheduling: 410 Gone disables the endpoint at once. */
export const disablesEndpoint = (status: number | null): boolean => status === 410;

/**
 * `Retry-After` in ms from `now`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). A date in the
 * past is 0; anything else unreadable is null, as if absent.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at) || !/[a-z]/i.test(trimmed)) return null;
  return Math.max(0, at - now.getTime());
}

/** Error codes of an attempt that ran out of time: the whole attempt, the connection, or the answer's headers or body. */
const timeoutErrors = new Set(["TimeoutError", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);
export const isTimeout = (error: string | undefined): boolean => error !== undefined && timeoutErrors.has(error);

/**
 * Whether an endpoint failing since `failingSince` (its first failure with no success after it)
 * has failed long enough at `now` to be disabled; `scale` divides the window (the test-only time scale).
 */
export function failedTooLong(failingSince: Date | null, now: Date, scale = 1): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= retrySchedule.disableAfterFailingMs / scale;
}
