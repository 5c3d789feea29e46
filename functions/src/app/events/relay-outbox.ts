import type { EventLog } from "../../ports/event-log.js";
import type { EventPublisher } from "../../ports/event-publisher.js";
import type { Logger } from "../../ports/logger.js";
import type { EventOutbox, OutboxSource } from "../../ports/outbox.js";
import type { TaskQueue } from "../../ports/task-queue.js";

export interface RelayDeps {
  outbox: EventOutbox;
  eventLog: EventLog;
  publisher: EventPublisher;
}

export type DispatchDeps = RelayDeps & { tasks: TaskQueue; logger: Logger };

/**
 * Publishes every event waiting in the aggregate's outbox, then clears them; at least once.
 * Log, publish, clear, in that order: subscribers act only on events they find in the log, so an
 * event is logged before anyone can receive it, and a relay that stops at any step leaves the
 * events in the outbox to be logged again (a no-op) and published again.
 */
export async function relayOutbox(deps: RelayDeps, source: OutboxSource): Promise<number> {
  const events = await deps.outbox.pending(source);
  if (events.length === 0) return 0;
  await deps.eventLog.record(events);
  for (const event of events) await deps.publisher.publish(event);
  await deps.outbox.markRelayed(source, events);
  return events.length;
}

export type DispatchOutcome = "published" | "deferred" | "stranded";

/**
 * Relays a write's events right away; when Pub/Sub cannot take them now, a relay task retries
 * with backoff. Never throws: the write is already committed, and events left in the outbox are
 * found again by the next relay of that aggregate or by the sweep. Each fallback is logged with
 * its cause under a stable code (`outbox.dispatch.deferred`, `outbox.dispatch.stranded`), so an
 * operator can count and alert on them; a stranded event waits for the sweep.
 */
export async function dispatchEvents(deps: DispatchDeps, source: OutboxSource): Promise<DispatchOutcome> {
  try {
    await relayOutbox(deps, source);
    return "published";
  } catch (relayError) {
    try {
      await deps.tasks.enqueue({ kind: "outbox.relay.v1", aggregate: source.aggregate, id: source.id }, { delaySeconds: 2 });
      deps.logger.warn("outbox.dispatch.deferred", { ...source, cause: describe(relayError) });
      return "deferred";
    } catch (enqueueError) {
      deps.logger.error("outbox.dispatch.stranded", { ...source, cause: describe(relayError), enqueueCause: describe(enqueueError) });
      return "stranded";
    }
  }
}

/** An error and its causes on one line, for the log: the cause is what an operator acts on. */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = `${error.name}: ${error.message}`;
  return error.cause === undefined ? own : `${own} (caused by ${describe(error.cause)})`;
}
