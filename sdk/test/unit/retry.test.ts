import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelayMs } from "../../src/retry.js";

const options = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe("retryDelayMs", () => {
  it("draws the backoff from a ceiling that doubles per retry, capped", () => {
    expect([1, 2, 3, 4, 5].map((retry) => retryDelayMs(retry, undefined, options, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
    expect(retryDelayMs(3, undefined, options, () => 0)).toBe(0);
  });

  it("never waits less than Retry-After, and gives up when it asks for more than the cap", () => {
    expect(retryDelayMs(1, 500, options, () => 1)).toBe(500);
    expect(retryDelayMs(4, 500, options, () => 1)).toBe(800);
    expect(retryDelayMs(1, 5_000, options, () => 1)).toBeUndefined();
  });
});

describe("parseRetryAfter", () => {
  it("reads delay-seconds and HTTP dates", () => {
    expect(parseRetryAfter("5")).toBe(5_000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 10:00:30 GMT", Date.parse("2026-11-28T10:00:00Z"))).toBe(30_000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 09:00:00 GMT", Date.parse("2026-11-28T10:00:00Z"))).toBe(0);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
