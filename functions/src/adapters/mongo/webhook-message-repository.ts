import type { Db } from "mongodb";
import type { MessageFilter, WebhookMessageRepository } from "../../ports/webhook-message-repository.js";
import { findPage } from "./keyset-page.js";
import { mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";

/** Webhook messages, one per event and endpoint. */
export function mongoWebhookMessageRepository(db: Db): WebhookMessageRepository {
  const { webhookMessages } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(webhookMessages),
    listStalled: (before, limit) =>
      classified(async () => {
        const documents = await webhookMessages.collection
          .find({
            status: "pending",
            // Not due after `before` (isStalled): a message waiting hours for its next attempt is not lost.
            $and: [
              { $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $exists: false } }, { nextAttemptAt: { $lt: before } }] },
              { $or: [{ lastActivityAt: { $lt: before } }, { lastActivityAt: { $exists: false }, createdAt: { $lt: before } }] },
            ],
          })
          .sort({ lastActivityAt: 1, _id: 1 })
          .limit(limit)
          .toArray();
        return Promise.all(documents.map(webhookMessages.fromDocument));
      }),
    listByOrganization: (orgId, filter, page) =>
      classified(() => findPage(webhookMessages.collection, { orgId, ...messageFilterOf(filter) }, page, webhookMessages.fromDocument)),
    organizationsWithPayloadsBefore: (before) =>
      classified(async () => (await webhookMessages.collection.distinct("orgId", purgeable(before))).filter((id): id is string => typeof id === "string")),
    listPurgeable: (orgId, cutoff, limit) =>
      classified(async () => {
        const documents = await webhookMessages.collection.find({ orgId, ...purgeable(cutoff) }).sort({ createdAt: 1, _id: 1 }).limit(limit).toArray();
        return Promise.all(documents.map(webhookMessages.fromDocument));
      }),
  };
}

/** isPurgeable as a query: settled, created before the cutoff, payload kept (absent on messages stored before retention existed). */
const purgeable = (cutoff: Date) => ({
  status: { $in: ["delivered", "failed"] },
  createdAt: { $lt: cutoff },
  $or: [{ payloadPurgedAt: null }, { payloadPurgedAt: { $exists: false } }],
});

function messageFilterOf(filter: MessageFilter) {
  const range = { ...(filter.since ? { $gte: filter.since } : {}), ...(filter.until ? { $lt: filter.until } : {}) };
  return {
    ...(filter.endpointId ? { endpointId: filter.endpointId } : {}),
    ...(filter.eventType ? { eventType: filter.eventType } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.since || filter.until ? { createdAt: range } : {}),
  };
}
