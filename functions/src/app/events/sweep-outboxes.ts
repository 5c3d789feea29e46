import type { Clock } from "../../ports/clock.js";
import { relayOutbox, type RelayDeps } from "./relay-outbox.js";

export interface SweepOptions {
  /** Events younger than this are left to the relay their write started. */
  graceSeconds: number;
  limit: number;
}

/**
 * Relays events left behind in outboxes: a crash between a write and its relay, or a relay task
 * that could not even be enqueued. Runs on a schedule; a document that fails is tried next time.
 */
export async function sweepOutboxes(deps: RelayDeps & { clock: Clock }, options: SweepOptions = { graceSeconds: 60, limit: 200 }): Promise<{ relayed: number; failed: number }> {
  const before = new Date(deps.clock.now().getTime() - options.graceSeconds * 1000);
  let relayed = 0;
  let failed = 0;
  for (const source of await deps.outbox.stale(before, options.limit)) {
    try {
      relayed += await relayOutbox(deps, source);
    } catch {
      failed += 1;
    }
  }
  return { relayed, failed };
}
