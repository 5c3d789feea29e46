import { describe, expect, it } from "vitest";
import { failedTooLong, isTimeout, maxAttempts, nextDelayMs, parseRetryAfter, retrySchedule } from "../../../../src/domain/webhooks/retry-schedule.js";

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;
const failed = { status: 500, timedOut: false, retryAfterMs: null };

describe("the webhook retry schedule, as data", () => {
  it("is immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: eight attempts, about 27.6 h from first to last", () => {
    expect(retrySchedule.delaysMs).toEqual([0, 5 * second, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour]);
    expect(maxAttempts).toBe(8);
    expect(retrySchedule.delaysMs.reduce((sum, delay) => sum + delay, 0)).toBe(99_305 * second);
    expect(retrySchedule.requestTimeoutMs).toBe(15 * second);
  });

  it("waits the step after each failure, spread by at most ±20% (random 0, 0.5 and just under 1)", () => {
    for (let made = 1; made < maxAttempts; made++) {
      const step = retrySchedule.delaysMs[made]!;
      expect(nextDelayMs(made, failed, 0.5)).toBe(step);
      expect(nextDelayMs(made, failed, 0)).toBe(Math.round(step * 0.8));
      expect(nextDelayMs(made, failed, 0.999_999)).toBe(Math.round(step * (0.8 + 0.4 * 0.999_999)));
    }
  });

  it("has no next attempt after the eighth", () => {
    expect(nextDelayMs(maxAttempts, failed, 0.5)).toBeNull();
    expect(nextDelayMs(maxAttempts - 1, failed, 0.5)).toBe(10 * hour);
  });

  it("waits at least a minute after a timeout or a 429, and the schedule when it is longer", () => {
    expect(nextDelayMs(1, { status: null, timedOut: true, retryAfterMs: null }, 0.5)).toBe(minute);
    expect(nextDelayMs(1, { status: 429, timedOut: false, retryAfterMs: null }, 0.5)).toBe(minute);
    expect(nextDelayMs(2, { status: 429, timedOut: false, retryAfterMs: null }, 0.5)).toBe(5 * minute);
    expect(nextDelayMs(1, { status: null, timedOut: false, retryAfterMs: null }, 0.5)).toBe(5 * second);
  });

  it("honours Retry-After as a floor, up to 10 h, never sooner than the schedule", () => {
    expect(nextDelayMs(1, { status: 503, timedOut: false, retryAfterMs: 120 * second }, 0.5)).toBe(120 * second);
    expect(nextDelayMs(1, { status: 503, timedOut: false, retryAfterMs: 3 * 24 * hour }, 0.5)).toBe(10 * hour);
    expect(nextDelayMs(3, { status: 503, timedOut: false, retryAfterMs: 1 * second }, 0.5)).toBe(30 * minute);
    expect(nextDelayMs(1, { status: 429, timedOut: false, retryAfterMs: 2 * second }, 0.5)).toBe(minute);
  });

  it("reads Retry-After as seconds or an HTTP-date, and nothing else", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120 * second);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Sat, 28 Nov 2026 12:05:00 GMT", now)).toBe(5 * minute);
    expect(parseRetryAfter("Sat, 28 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("1.5", now)).toBeNull();
  });

  it("knows a timed-out attempt by its error", () => {
    for (const error of ["TimeoutError", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]) expect(isTimeout(error)).toBe(true);
    for (const error of [undefined, "ECONNREFUSED", "private_address"]) expect(isTimeout(error)).toBe(false);
  });

  it("disables an endpoint failing for 5 days without a success, divided by the time scale", () => {
    const since = new Date("2026-11-01T00:00:00Z");
    const at = (ms: number) => new Date(since.getTime() + ms);
    expect(failedTooLong(null, at(30 * 24 * hour))).toBe(false);
    expect(failedTooLong(since, at(5 * 24 * hour - 1))).toBe(false);
    expect(failedTooLong(since, at(5 * 24 * hour))).toBe(true);
    expect(failedTooLong(since, at(120 * second), 3600)).toBe(true);
    expect(failedTooLong(since, at(119 * second), 3600)).toBe(false);
  });
});
