import type { HealthOut } from "../../contracts/health.js";
import type { Clock } from "../../ports/clock.js";

/**
 * A health check shared by every caller for `ttlMs`: the public health answer is read by load
 * balancers and strangers alike, and must never turn their requests into probes of the database
 * (an amplifier). Concurrent callers wait on the same check; a failed check is not kept.
 */
export function cachedCheck(check: () => Promise<HealthOut>, clock: Clock, ttlMs: number): () => Promise<HealthOut> {
  let cached: { at: number; report: Promise<HealthOut> } | undefined;
  return () => {
    const now = clock.monotonicMs();
    if (!cached || now - cached.at >= ttlMs) {
      const report = check();
      cached = { at: now, report };
      report.catch(() => {
        if (cached?.report === report) cached = undefined;
      });
    }
    return cached.report;
  };
}
