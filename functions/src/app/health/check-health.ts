import type { DependencyHealth, HealthOut } from "../../contracts/health.js";
import type { Clock } from "../../ports/clock.js";
import type { DependencyProbe } from "../../ports/dependency-probe.js";

export interface CheckHealthDeps {
  probes: readonly DependencyProbe[];
  clock: Clock;
  /** A probe that has not answered by then counts as down: a hung dependency must not hang the check. */
  timeoutMs: number;
}

/** Probes every dependency in parallel and reports each one's status and latency. */
export async function checkHealth(deps: CheckHealthDeps): Promise<HealthOut> {
  const dependencies = await Promise.all(deps.probes.map((probe) => runProbe(probe, deps)));
  return {
    status: dependencies.every((d) => d.status === "up") ? "ok" : "degraded",
    checkedAt: deps.clock.now().toISOString(),
    dependencies,
  };
}

async function runProbe(probe: DependencyProbe, deps: CheckHealthDeps): Promise<DependencyHealth> {
  const started = deps.clock.monotonicMs();
  const signal = AbortSignal.timeout(deps.timeoutMs);
  const latency = () => Math.round((deps.clock.monotonicMs() - started) * 10) / 10;
  try {
    await Promise.race([probe.check(signal), rejectOnAbort(signal)]);
    return { name: probe.name, status: "up", latencyMs: latency() };
  } catch (error) {
    return { name: probe.name, status: "down", latencyMs: latency(), error: describe(error, signal) };
  }
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener("abort", () => reject(new Error("timed out")), { once: true });
  });
}

// Health output is public: report the kind of failure, never a connection string or stack.
function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return "timed out";
  if (error instanceof Error && "code" in error && typeof error.code === "string") return error.code;
  return "unreachable";
}
