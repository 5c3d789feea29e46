import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import { describe, relayOutbox, type RelayDeps } from "./relay-outbox.js";

export interface SweepOptions {
  /** Events younger than this are left to the relay their write started. */
  graceSeconds: number;
  limit: number;
}

/**
 * Relays events left behind in outboxes: a crash between a write and its relay, or a relay task
 * that could not even be enqueued. Runs on a schedule; an aggregate that fails is logged
 * (`outbox.sweep.failed`) and tried again next time.
 */
export async function sweepOutboxes(
  deps: RelayDeps & { clock: Clock; logger: Logger },
  options: SweepOptions = { graceSeconds: 60, limit: 200 },
): Promise<{ relayed: number; failed: number }> {
  const before = new Date(deps.clock.now().getTime() - options.graceSeconds * 1000);
  let relayed = 0;
  let failed = 0;
  for (const source of await deps.outbox.stale(before, options.limit)) {
    try {
      relayed += await relayOutbox(deps, source);
    } catch (error) {
      failed += 1;
      deps.logger.warn("outbox.sweep.failed", { ...source, cause: describe(error) });
    }
  }
  return { relayed, failed };
}
