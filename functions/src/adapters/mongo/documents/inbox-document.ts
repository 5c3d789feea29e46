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
