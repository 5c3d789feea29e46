import type { Db } from "mongodb";
import type { WebhookEndpointRepository } from "../../ports/webhook-endpoint-repository.js";
import { findAllWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";

/** Organizations' webhook endpoints. */
export function mongoWebhookEndpointRepository(db: Db): WebhookEndpointRepository {
  const { webhookEndpoints } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(webhookEndpoints),
    // An array field matches a scalar when one of its elements equals it.
    findSubscribed: (orgId, eventType) => findAllWhere(webhookEndpoints, { orgId, eventTypes: eventType }),
    listByOrg: (orgId) => findAllWhere(webhookEndpoints, { orgId }),
  };
}
