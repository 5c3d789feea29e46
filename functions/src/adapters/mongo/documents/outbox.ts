import { z } from "zod";
import { DomainEvent } from "../../../contracts/events.js";

/** A document that carries the events of its last state changes until they are relayed. */
export interface WithOutbox {
  outbox: DomainEvent[];
}

/** What the outbox relay reads of a document: its pending events. */
export const OutboxDocument = z.object({ _id: z.string(), outbox: z.array(DomainEvent) });

/** The outbox as stored, entry by entry, for removing entries by their exact stored value. */
export const RawOutboxDocument = z.object({ outbox: z.array(z.unknown()) });

/** An outbox entry, read only for its event id. */
export const OutboxEntry = z.object({ id: z.string() });
