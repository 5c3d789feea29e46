import type { Db } from "mongodb";

/** A handled event in `inbox`; `_id` is `<consumer>:<eventId>`, so a consumer records an event once. */
export interface InboxDocument {
  _id: string;
  consumer: string;
  eventId: string;
  eventType: string;
  outcome: string;
  handledAt: Date;
}

export const inboxCollection = (db: Db) => db.collection<InboxDocument>("inbox");

export const inboxDocumentId = (consumer: string, eventId: string) => `${consumer}:${eventId}`;

/**
 * How long a consumer remembers an event: well past the 6 hours reconciliation looks back and the
 * 7 days Pub/Sub may keep redelivering a message, so no redelivery finds its event forgotten.
 */
export const inboxRetentionSeconds = 14 * 24 * 60 * 60;
