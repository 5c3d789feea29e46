import type { Db } from "mongodb";
import type { WebhookEndpointRepository } from "../../ports/repositories.js";
import { webhookEndpointFromDocument, webhookEndpointToDocument, webhookEndpointsCollection } from "./documents/webhook-endpoint-document.js";
import { classified } from "./errors.js";

/** Organizations' webhook endpoints, in `webhook_endpoints`. */
export function mongoWebhookEndpointRepository(db: Db): WebhookEndpointRepository {
  const endpoints = webhookEndpointsCollection(db);
  return {
    insert: (endpoint) =>
      classified(async () => {
        await endpoints.insertOne(webhookEndpointToDocument(endpoint));
      }),

    findById: (id) =>
      classified(async () => {
        const document = await endpoints.findOne({ _id: id });
        return document && webhookEndpointFromDocument(document);
      }),

    // A disabled endpoint is no longer subscribed to anything.
    findSubscribed: (orgId, eventType) =>
      classified(async () => {
        const documents = await endpoints.find({ orgId, eventTypes: eventType, disabledAt: null }).toArray();
        return documents.map(webhookEndpointFromDocument);
      }),
  };
}
