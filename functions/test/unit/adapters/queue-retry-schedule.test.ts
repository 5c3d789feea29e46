import { describe, expect, it } from "vitest";
import { cloudResources, type RetryPolicy } from "../../../src/cloud-resources.js";

// What each declared queue's retry policy really does, computed the way Cloud Tasks spaces
// retries (RetryConfig): the wait starts at minBackoff, doubles maxDoublings times, then grows
// linearly by the last doubled wait, always capped at maxBackoff; maxAttempts counts the first try.

/** Seconds waited before each retry. */
function retryDelays(policy: RetryPolicy): number[] {
  return Array.from({ length: policy.maxAttempts - 1 }, (_, retry) => {
    const doubled = policy.minBackoffSeconds * 2 ** Math.min(retry, policy.maxDoublings);
    const grown = retry > policy.maxDoublings ? doubled * (retry - policy.maxDoublings + 1) : doubled;
    return Math.min(grown, policy.maxBackoffSeconds);
  });
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function queue(name: string) {
  const declared = cloudResources.queues[name];
  if (!declared) throw new Error(`queue ${name} is not declared`);
  return declared;
}

describe("queue retry schedules", () => {
  it("payout-sending: 29 retries doubling from 2 s to 512 s, then every 900 s, the last 19 022 s after the first attempt", () => {
    const { retryPolicy, description } = queue("payout-sending");
    const delays = retryDelays(retryPolicy);
    expect(delays.slice(0, 10)).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
    expect(sum(delays)).toBe(19_022);
    expect(description).toContain("19 022 s (5 h 17 min)");
  });

  it("follow Cloud Tasks' own example (10 s min, 300 s max, 3 doublings)", () => {
    const example = { maxAttempts: 9, minBackoffSeconds: 10, maxBackoffSeconds: 300, maxDoublings: 3 };
    expect(retryDelays(example)).toEqual([10, 20, 40, 80, 160, 240, 300, 300]);
  });

  it("webhook-delivery: 8 retries that double from 5 s, the last 21 min 15 s after the first attempt", () => {
    const { retryPolicy, description } = queue("webhook-delivery");
    const delays = retryDelays(retryPolicy);
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320, 640]);
    expect(sum(delays)).toBe(1_275);
    // Far from the Standard Webhooks schedule, whose last attempt comes about 27.5 hours in.
    expect(sum(delays)).toBeLessThan(27.5 * 3_600);
    expect(description).toContain("1275 s (21 min 15 s)");
  });

  it("outbox-relay: 59 retries, doubling from 1 s to 1024 s then every 1800 s, the last about 24.6 hours in", () => {
    const { retryPolicy, description } = queue("outbox-relay");
    const delays = retryDelays(retryPolicy);
    expect(delays).toHaveLength(59);
    expect(delays.slice(0, 11)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1_024]);
    expect(new Set(delays.slice(11))).toEqual(new Set([1_800]));
    expect(sum(delays)).toBe(88_447);
    expect(description).toContain("88 447 s (24 h 34 min)");
  });

  it.each(["opportunity-expiry", "claim-expiry", "submission-auto-approval"])("%s: 99 retries, doubling from 1 s to 256 s then every 300 s, the last about 7.6 hours in", (name) => {
    const { retryPolicy, description } = queue(name);
    const delays = retryDelays(retryPolicy);
    expect(delays).toHaveLength(99);
    expect(delays.slice(0, 9)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
    expect(new Set(delays.slice(9))).toEqual(new Set([300]));
    expect(sum(delays)).toBe(27_511);
    expect(description).toContain("27 511 s (7 h 38 min)");
  });
});
