import type { Db } from "mongodb";
import type { EventOutbox, OutboxSource } from "../../ports/outbox.js";
import { OutboxDocument, OutboxEntry, RawOutboxDocument } from "./documents/outbox.js";
import { outboxCollections } from "./collections.js";
import { classified } from "./errors.js";
import { mongoEventLog } from "./event-log.js";
import { parseDocument } from "./parse-document.js";

/** The outbox arrays of the aggregates that have one, relayed into the `events` log. */
export function mongoEventOutbox(db: Db): EventOutbox {
  const sources = (source: OutboxSource) => db.collection<{ _id: string; outbox: unknown[] }>(outboxCollections[source.aggregate]);
  const log = mongoEventLog(db);
  return {
    pending: (source) =>
      classified(async () => {
        const document = await sources(source).findOne({ _id: source.id }, { projection: { outbox: 1 } });
        return document ? parseDocument(OutboxDocument, outboxCollections[source.aggregate], document).outbox : [];
      }),

    // The relay recorded the events in the log before publishing them (subscribers verify events
    // against it); recording them again here is a duplicate insert that changes nothing, and keeps
    // the promise that whatever leaves an outbox is in the log for any caller. Logged first,
    // removed second: a relay that stops between the two leaves the events to be sent again.
    markRelayed: (source, relayed) =>
      classified(async () => {
        await log.record(relayed);
        const document = await sources(source).findOne({ _id: source.id }, { projection: { outbox: 1 } });
        if (!document) return;
        // Entries are removed by exact value, as they were read: the local server's $pull ignores
        // conditions such as {id: {$in: [...]}}, and events rebuilt from the parsed form could
        // differ from the stored ones in field order, which exact matching compares.
        const relayedIds = new Set(relayed.map((event) => event.id));
        const { outbox } = parseDocument(RawOutboxDocument, outboxCollections[source.aggregate], document);
        const removable = outbox.filter((entry) => {
          const parsed = OutboxEntry.safeParse(entry);
          return parsed.success && relayedIds.has(parsed.data.id);
        });
        if (removable.length > 0) await sources(source).updateOne({ _id: source.id }, { $pullAll: { outbox: removable } });
      }),

    // Events are stored with ISO-8601 UTC times, which compare correctly as strings.
    stale: (before, limit) =>
      classified(async () => {
        const found: OutboxSource[] = [];
        for (const [aggregate, collection] of outboxAggregates) {
          if (found.length >= limit) break;
          const documents = await db
            .collection<{ _id: string }>(collection)
            .find({ "outbox.0.occurredAt": { $lt: before.toISOString() } }, { projection: { _id: 1 }, limit: limit - found.length })
            .toArray();
          found.push(...documents.map((document) => ({ aggregate, id: document._id })));
        }
        return found;
      }),
  };
}

const outboxAggregates = Object.entries(outboxCollections) as Array<[OutboxSource["aggregate"], string]>;
