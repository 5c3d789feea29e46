import type { DomainEvent } from "../contracts/events.js";
import type { RelayOutboxTask } from "../contracts/tasks.js";
import type { z } from "zod";

/** An aggregate whose outbox holds events written with its last state changes. */
export type OutboxSource = Omit<z.infer<typeof RelayOutboxTask>, "kind">;

/** Events waiting in aggregates' outboxes until they are published. */
export interface EventOutbox {
  pending(source: OutboxSource): Promise<DomainEvent[]>;
  /** Removes published events from the aggregate's outbox and keeps them in the event log. */
  markRelayed(source: OutboxSource, events: readonly DomainEvent[]): Promise<void>;
  /** Aggregates whose oldest waiting event occurred before `before`, at most `limit` of them. */
  stale(before: Date, limit: number): Promise<OutboxSource[]>;
}
