import type { EventPublisher } from "../../ports/event-publisher.js";
import type { EventOutbox, OutboxSource } from "../../ports/outbox.js";
import type { TaskQueue } from "../../ports/task-queue.js";

export interface RelayDeps {
  outbox: EventOutbox;
  publisher: EventPublisher;
}

/** Publishes every event waiting in the document's outbox, then clears them; at least once. */
export async function relayOutbox(deps: RelayDeps, source: OutboxSource): Promise<number> {
  const events = await deps.outbox.pending(source);
  for (const event of events) await deps.publisher.publish(event);
  if (events.length > 0) await deps.outbox.markRelayed(source, events);
  return events.length;
}

export type DispatchOutcome = "published" | "deferred" | "stranded";

/**
 * Relays a write's events right away; when Pub/Sub cannot take them now, a relay task retries
 * with backoff. Never throws: the write is already committed, and events left in the outbox
 * are found again by the next relay of that document.
 */
export async function dispatchEvents(deps: RelayDeps & { tasks: TaskQueue }, source: OutboxSource): Promise<DispatchOutcome> {
  try {
    await relayOutbox(deps, source);
    return "published";
  } catch {
    try {
      await deps.tasks.enqueue({ kind: "outbox.relay.v1", collection: source.collection, id: source.id }, { delaySeconds: 2 });
      return "deferred";
    } catch {
      return "stranded";
    }
  }
}
