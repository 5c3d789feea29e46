import { describe, expect, it } from "vitest";
import { breakerThreshold, cooldownSeconds, isEndpointFailure, retryDelaySeconds } from "../../../../src/domain/webhooks/delivery-gate.js";

const now = new Date("2026-03-02T09:00:00.000Z");

describe("the delivery gate's rules", () => {
  it("open the breaker only at the threshold, for a cool-down that doubles and is capped at five minutes", () => {
    expect(cooldownSeconds(breakerThreshold - 1)).toBe(0);
    expect(cooldownSeconds(breakerThreshold)).toBe(10);
    expect(cooldownSeconds(breakerThreshold + 1)).toBe(20);
    expect(cooldownSeconds(breakerThreshold + 10)).toBe(300);
  });

  it("count no answer, 5xx, 408 and 429 as the endpoint failing, and a refusal or a redirect as not", () => {
    expect([null, 500, 503, 408, 429].map(isEndpointFailure)).toEqual([true, true, true, true, true]);
    expect([200, 204, 301, 400, 404, 410].map(isEndpointFailure)).toEqual([false, false, false, false, false, false]);
  });

  it("retry a busy endpoint within seconds, and an open one once the cool-down is over, with jitter", () => {
    expect(retryDelaySeconds({ reason: "busy", retryAt: new Date(now.getTime() + 15_000) }, now, 0)).toBe(1);
    expect(retryDelaySeconds({ reason: "busy", retryAt: now }, now, 1)).toBe(3);
    expect(retryDelaySeconds({ reason: "open", retryAt: new Date(now.getTime() + 20_000) }, now, 0)).toBe(21);
    expect(retryDelaySeconds({ reason: "open", retryAt: new Date(now.getTime() + 20_000) }, now, 1)).toBe(25);
  });
});
