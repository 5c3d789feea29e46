import type { Db } from "mongodb";
import { z } from "zod";
import { DomainEvent } from "../../contracts/events.js";
import type { EventLog } from "../../ports/event-log.js";
import { eventToDocument, eventsCollection } from "./documents/event-document.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";
import { parseDocument } from "./parse-document.js";

/** A logged event as stored: the event with its id as `_id` and its time as a date. */
const StoredEvent = z
  .object({ _id: z.string(), type: z.string(), version: z.number(), orgId: z.string(), occurredAt: z.date(), data: z.unknown(), traceparent: z.string().optional() })
  .transform(({ _id, occurredAt, ...event }) => ({ id: _id, occurredAt: occurredAt.toISOString(), ...event }))
  .pipe(DomainEvent);

/** The `events` collection, keyed by event id. */
export function mongoEventLog(db: Db): EventLog {
  const events = eventsCollection(db);
  const page = (scope: { orgId?: string }, { from, to }: { from: Date; to: Date }, limit: number, after?: DomainEvent) =>
    classified(async () => {
      const start = after
        ? { $or: [{ occurredAt: { $gt: new Date(after.occurredAt), $lt: to } }, { occurredAt: new Date(after.occurredAt), _id: { $gt: after.id } }] }
        : { occurredAt: { $gte: from, $lt: to } };
      const documents = await events.find({ ...scope, ...start }).sort({ occurredAt: 1, _id: 1 }).limit(limit).toArray();
      return documents.map((document) => parseDocument(StoredEvent, "events", document));
    });
  return {
    record: (recorded) =>
      classified(async () => {
        for (const event of recorded) await insertIfAbsent(events, eventToDocument(event));
      }),

    findById: (eventId) =>
      classified(async () => {
        const document = await events.findOne({ _id: eventId });
        return document ? parseDocument(StoredEvent, "events", document) : undefined;
      }),

    occurredBetween: (window, limit, after) => page({}, window, limit, after),
    ofOrganizationBetween: (orgId, window, limit, after) => page({ orgId }, window, limit, after),
  };
}
