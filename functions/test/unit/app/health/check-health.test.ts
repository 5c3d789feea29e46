import { describe, expect, it } from "vitest";
import { checkHealth } from "../../../../src/app/health/check-health.js";
import type { Clock } from "../../../../src/ports/clock.js";
import type { DependencyProbe } from "../../../../src/ports/dependency-probe.js";

function steppingClock(stepMs: number): Clock {
  let reading = 0;
  return {
    now: () => new Date("2026-11-24T12:00:00.000Z"),
    monotonicMs: () => (reading += stepMs),
  };
}

const up = (name: string): DependencyProbe => ({ name, check: async () => {} });
const down = (name: string, error: unknown): DependencyProbe => ({ name, check: async () => Promise.reject(error) });
const hung = (name: string): DependencyProbe => ({ name, check: () => new Promise(() => {}) });

describe("checkHealth", () => {
  it("reports a dependency's status and the latency of its check", async () => {
    const report = await checkHealth({ probes: [up("database")], clock: steppingClock(3), timeoutMs: 1_000 });
    expect(report).toEqual({
      status: "ok",
      checkedAt: "2026-11-24T12:00:00.000Z",
      dependencies: [{ name: "database", status: "up", latencyMs: 3 }],
    });
  });

  it("is ok when every dependency answers", async () => {
    const report = await checkHealth({ probes: [up("database"), up("pubsub"), up("tasks")], clock: steppingClock(1), timeoutMs: 1_000 });
    expect(report.status).toBe("ok");
    expect(report.dependencies.map((d) => [d.name, d.status])).toEqual([["database", "up"], ["pubsub", "up"], ["tasks", "up"]]);
  });

  it("is degraded when one dependency fails, and names only the kind of failure", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED mongodb://user:secret@db"), { code: "ECONNREFUSED" });
    const report = await checkHealth({ probes: [up("pubsub"), down("database", refused)], clock: steppingClock(1), timeoutMs: 1_000 });
    expect(report.status).toBe("degraded");
    expect(report.dependencies[1]).toMatchObject({ name: "database", status: "down", error: "ECONNREFUSED" });
    expect(JSON.stringify(report)).not.toContain("secret");
  });

  it("counts a dependency that never answers as down once the timeout passes", async () => {
    const report = await checkHealth({ probes: [hung("tasks"), up("database")], clock: steppingClock(1), timeoutMs: 20 });
    expect(report.status).toBe("degraded");
    expect(report.dependencies[0]).toMatchObject({ name: "tasks", status: "down", error: "timed out" });
  });
});
