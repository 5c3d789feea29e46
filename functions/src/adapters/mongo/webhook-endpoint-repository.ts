import type { Db } from "mongodb";
import type { WebhookEndpointRepository } from "../../ports/webhook-endpoint-repository.js";
import { findAllWhere, mongoAggregateStore } from "./aggregate-store.js";
import { classified } from "./errors.js";
import { aggregateCollections } from "./collections.js";

/** Organizations' webhook endpoints. */
export function mongoWebhookEndpointRepository(db: Db): WebhookEndpointRepository {
  const { webhookEndpoints } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(webhookEndpoints),
    // An array field matches a scalar when one of its elements equals it; an endpoint stored before
    // endpoints had a status has none, and is enabled.
    findSubscribed: (orgId, eventType) => findAllWhere(webhookEndpoints, { orgId, eventTypes: eventType, status: { $ne: "disabled" } }),
    listByOrg: (orgId) => findAllWhere(webhookEndpoints, { orgId }),
    remove: (id) => classified(async () => (await webhookEndpoints.collection.deleteOne({ _id: id })).deletedCount === 1),
  };
}
