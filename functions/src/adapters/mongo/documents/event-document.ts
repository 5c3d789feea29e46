import type { Db } from "mongodb";
import type { DomainEvent } from "../../../contracts/events.js";

/** An event in the event log, kept once relayed; `_id` is the event id, so a re-relayed event is stored once. */
export interface EventDocument {
  _id: string;
  type: DomainEvent["type"];
  version: DomainEvent["version"];
  orgId: string;
  occurredAt: Date;
  data: DomainEvent["data"];
  /** The trace of the work that wrote it, when it ran in one (adapters/trace-context.ts). */
  traceparent?: string;
}

export const eventsCollection = (db: Db) => db.collection<EventDocument>("events");

export function eventToDocument(event: DomainEvent): EventDocument {
  return {
    _id: event.id,
    type: event.type,
    version: event.version,
    orgId: event.orgId,
    occurredAt: new Date(event.occurredAt),
    data: event.data,
    ...(event.traceparent === undefined ? {} : { traceparent: event.traceparent }),
  };
}
