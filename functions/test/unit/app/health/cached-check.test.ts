import { describe, expect, it } from "vitest";
import { cachedCheck } from "../../../../src/app/health/cached-check.js";
import type { HealthOut } from "../../../../src/contracts/health.js";
import { FixedClock } from "../../support/in-memory-services.js";

const report = (checkedAt: string): HealthOut => ({ status: "ok", checkedAt, dependencies: [] });

describe("cachedCheck", () => {
  it("runs one check for every caller within the time to live, and a new one after it", async () => {
    const clock = new FixedClock(new Date("2026-03-02T09:00:00.000Z"));
    let checks = 0;
    const check = cachedCheck(async () => report(`check ${++checks}`), clock, 10_000);

    const first = await Promise.all([check(), check(), check()]);
    expect(first.map((r) => r.checkedAt)).toEqual(["check 1", "check 1", "check 1"]);
    clock.advance(9_999);
    expect((await check()).checkedAt).toBe("check 1");
    clock.advance(1);
    expect((await check()).checkedAt).toBe("check 2");
    expect(checks).toBe(2);
  });

  it("does not keep a check that failed: the next caller checks again", async () => {
    const clock = new FixedClock(new Date("2026-03-02T09:00:00.000Z"));
    let checks = 0;
    const check = cachedCheck(async () => (++checks === 1 ? Promise.reject(new Error("probe crashed")) : report("check 2")), clock, 10_000);
    await expect(check()).rejects.toThrow("probe crashed");
    expect((await check()).checkedAt).toBe("check 2");
  });
});
