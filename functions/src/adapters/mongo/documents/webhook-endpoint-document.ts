import type { Db } from "mongodb";
import { z } from "zod";
import { OrgId, WebhookEndpointId } from "../../../contracts/common.js";
import type { WebhookEndpoint } from "../../../ports/repositories.js";
import { parseDocument } from "../parse-document.js";

export const WebhookEndpointDocument = z.object({
  _id: WebhookEndpointId,
  orgId: OrgId,
  url: z.string(),
  eventTypes: z.array(z.string()),
  description: z.string(),
  secret: z.string().min(1),
  createdAt: z.date(),
  disabledAt: z.date().nullable(),
});
export type WebhookEndpointDocument = z.infer<typeof WebhookEndpointDocument>;

export const webhookEndpointsCollection = (db: Db) => db.collection<WebhookEndpointDocument>("webhook_endpoints");

export function webhookEndpointToDocument(endpoint: WebhookEndpoint): WebhookEndpointDocument {
  return {
    _id: endpoint.id,
    orgId: endpoint.orgId,
    url: endpoint.url,
    eventTypes: endpoint.eventTypes,
    description: endpoint.description,
    secret: endpoint.secret,
    createdAt: endpoint.createdAt,
    disabledAt: endpoint.disabledAt,
  };
}

export function webhookEndpointFromDocument(document: unknown): WebhookEndpoint {
  const stored = parseDocument(WebhookEndpointDocument, "webhook_endpoints", document);
  return {
    id: stored._id,
    orgId: stored.orgId,
    url: stored.url,
    eventTypes: stored.eventTypes,
    description: stored.description,
    secret: stored.secret,
    createdAt: stored.createdAt,
    disabledAt: stored.disabledAt,
  };
}
