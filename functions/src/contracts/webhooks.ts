import { z } from "zod";
import { OrgId, WebhookEndpointId } from "./common.js";
import { WebhookEndpointOut, WebhookEndpointPatch } from "./organizations.js";
import { defineRoute } from "./route.js";

// One webhook endpoint of an organization: read, change, pause, rotate its signing secret, remove.
// Creating and listing endpoints are declared with the organization's routes (organizations.ts);
// these share their tag, so the SDK keeps every endpoint method under `organizations`.

const ByEndpoint = z.strictObject({ orgId: OrgId, endpointId: WebhookEndpointId });

const path = "/v1/organizations/{orgId}/webhook-endpoints/{endpointId}";

export const webhookEndpointRoutes = {
  getWebhookEndpoint: defineRoute({
    operationId: "getWebhookEndpoint",
    method: "GET",
    path,
    summary: "Get a webhook endpoint: its settings, status and public key; never its secret",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write" },
    params: ByEndpoint,
    response: { status: 200, schema: WebhookEndpointOut },
  }),
  updateWebhookEndpoint: defineRoute({
    operationId: "updateWebhookEndpoint",
    audit: "webhook_endpoint.updated",
    method: "PATCH",
    path,
    summary:
      "Change a webhook endpoint's URL, description, event types, custom headers, metadata, rate limit or asymmetric signing; a new URL is checked by the destination policy (422 destination_refused, nothing changed). Messages already on their way go to the URL the endpoint has when each attempt is made",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write", sensitive: true },
    params: ByEndpoint,
    body: WebhookEndpointPatch,
    response: { status: 200, schema: WebhookEndpointOut },
  }),
  deleteWebhookEndpoint: defineRoute({
    operationId: "deleteWebhookEndpoint",
    audit: "webhook_endpoint.deleted",
    method: "DELETE",
    path,
    summary: "Delete a webhook endpoint: it is sent nothing more, and answers 404 afterwards",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write", sensitive: true },
    params: ByEndpoint,
    response: { status: 200, schema: WebhookEndpointOut },
  }),
  disableWebhookEndpoint: defineRoute({
    operationId: "disableWebhookEndpoint",
    audit: "webhook_endpoint.disabled",
    method: "POST",
    path: `${path}/disable`,
    summary: "Disable a webhook endpoint: it is sent nothing until enabled (events in between are not kept for it); disabling twice is harmless",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write", sensitive: true },
    params: ByEndpoint,
    response: { status: 200, schema: WebhookEndpointOut },
  }),
  enableWebhookEndpoint: defineRoute({
    operationId: "enableWebhookEndpoint",
    audit: "webhook_endpoint.enabled",
    method: "POST",
    path: `${path}/enable`,
    summary: "Enable a disabled webhook endpoint: events from now on are sent to it, and messages that were still on their way when it was disabled resume with the next sweep of stalled messages; events that happened while it was disabled are not sent. Enabling twice is harmless",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write", sensitive: true },
    params: ByEndpoint,
    response: { status: 200, schema: WebhookEndpointOut },
  }),
  rotateWebhookEndpointSecret: defineRoute({
    operationId: "rotateWebhookEndpointSecret",
    audit: "webhook_endpoint.secret_rotated",
    method: "POST",
    path: `${path}/rotate-secret`,
    summary:
      "Give a webhook endpoint a new signing secret (and a new ed25519 key with asymmetric signing), shown in this response only. The one it replaces keeps signing for 24 hours: each message carries both signatures, so the receiver can switch at any time in between",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write", sensitive: true },
    params: ByEndpoint,
    shownOnce: ["secret"],
    response: { status: 200, schema: WebhookEndpointOut },
  }),
} as const;
