import type { DomainEvent } from "../contracts/events.js";

/** A document whose outbox array holds events written with its last state changes. */
export interface OutboxSource {
  collection: "opportunities" | "claims" | "rewards";
  id: string;
}

/** Events waiting in documents' outboxes until they are published. */
export interface EventOutbox {
  pending(source: OutboxSource): Promise<DomainEvent[]>;
  /** Removes published events from the document's outbox and keeps them in the event log. */
  markRelayed(source: OutboxSource, events: readonly DomainEvent[]): Promise<void>;
  /** Documents whose oldest waiting event occurred before `before`, at most `limit` of them. */
  stale(before: Date, limit: number): Promise<OutboxSource[]>;
}
