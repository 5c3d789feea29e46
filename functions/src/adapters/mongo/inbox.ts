import type { Db } from "mongodb";
import type { Inbox } from "../../ports/inbox.js";
import { inboxCollection, inboxDocumentId } from "./documents/inbox-document.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";

/** The consumers' inbox in `inbox`, one document per consumer and event. */
export function mongoInbox(db: Db): Inbox {
  const inbox = inboxCollection(db);
  return {
    has: (consumer, eventId) => classified(async () => (await inbox.countDocuments({ _id: inboxDocumentId(consumer, eventId) }, { limit: 1 })) > 0),

    record: (handled) =>
      classified(async () => {
        await insertIfAbsent(inbox, { _id: inboxDocumentId(handled.consumer, handled.eventId), ...handled });
      }),

    handledOf: (consumer, eventIds) =>
      classified(async () => {
        if (eventIds.length === 0) return new Set<string>();
        const found = await inbox.find({ _id: { $in: eventIds.map((id) => inboxDocumentId(consumer, id)) } }, { projection: { eventId: 1 } }).toArray();
        return new Set(found.map((document) => document.eventId));
      }),
  };
}
