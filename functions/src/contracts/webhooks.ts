import { z } from "zod";
import { OrgId, PageQuery, Timestamp, WebhookEndpointId, WebhookMessageId, page } from "./common.js";
import { WebhookEndpointOut, WebhookEndpointPatch } from "./organizations.js";
import { defineRoute } from "./route.js";
import type { EventType } from "./events.js";
import { WebhookEventTypeOut, webhookEventTypes } from "./webhook-event-catalog.js";

// One webhook endpoint of an organization: read, change, pause, rotate its signing secret, remove.
// Creating and listing endpoints are declared with the organization's routes (organizations.ts);
// these share their tag, so the SDK keeps every endpoint method under `organizations`.

const ByEndpoint = z.strictObject({ orgId: OrgId, endpointId: WebhookEndpointId });

const path = "/v1/organizations/{orgId}/webhook-endpoints/{endpointId}";
const ByMessage = z.strictObject({ orgId: OrgId, messageId: WebhookMessageId });

/** One attempt to deliver a message, as the attempt log keeps it. */
export const WebhookAttemptOut = z
  .object({
    id: z.string(),
    messageId: WebhookMessageId,
    endpointId: WebhookEndpointId,
    eventType: z.string(),
    number: z.number().int().describe("The attempt's place among its message's attempts, from 1, manual ones included"),
    at: Timestamp,
    outcome: z.enum(["succeeded", "failed"]),
    statusClass: z.enum(["2xx", "3xx", "4xx", "5xx", "timeout", "network"]).describe("The class of the HTTP status; `timeout` when no answer came in time, `network` when none came at all"),
    responseStatus: z.number().int().nullable(),
    latencyMs: z.number(),
    responseExcerpt: z.string().nullable().describe("The first 4 KB at most of the answer's body"),
    error: z.string().nullable().describe("Why no answer came: a timeout, a network error's code, or the destination policy's refusal"),
    trigger: z.enum(["scheduled", "manual"]),
    test: z.boolean().describe("An attempt of a test message (sent by \"send a test event\")"),
  })
  .meta({ id: "WebhookAttempt" });
export type WebhookAttemptOut = z.infer<typeof WebhookAttemptOut>;

/** A webhook message: one event on its way to one endpoint. */
export const WebhookMessageOut = z
  .object({
    id: WebhookMessageId,
    endpointId: WebhookEndpointId,
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(["pending", "delivered", "failed"]).describe("`failed`: every attempt of the schedule failed; a resend or a recovery may still deliver it"),
    attempts: z.number().int().describe("How many attempts were made, manual ones included"),
    createdAt: Timestamp,
    deliveredAt: Timestamp.nullable(),
    nextAttemptAt: Timestamp.nullable(),
    test: z.boolean().describe("A test message: an example payload sent by \"send a test event\", with no event behind it"),
    payloadPurgedAt: Timestamp.nullable().describe("When the retention schedule removed its payload; its attempts stay"),
  })
  .meta({ id: "WebhookMessage" });
export type WebhookMessageOut = z.infer<typeof WebhookMessageOut>;

/** A message with the exact payload it sends (the signed body, parsed). */
export const WebhookMessageWithPayloadOut = WebhookMessageOut.extend({
  payload: z.record(z.string(), z.unknown()).nullable().describe("null once purged by the organization's retention (see payloadPurgedAt)"),
}).meta({ id: "WebhookMessageWithPayload" });

export const ListWebhookMessagesQuery = PageQuery.extend({
  endpointId: WebhookEndpointId.optional(),
  eventType: z.string().min(1).max(100).optional(),
  status: z.enum(["pending", "delivered", "failed"]).optional(),
  since: Timestamp.optional(),
  until: Timestamp.optional(),
});

export const ResendOut = z.object({ messageId: WebhookMessageId, resendId: z.string() }).meta({ id: "WebhookResend" });
export const RecoverIn = z.strictObject({ since: Timestamp.describe("Resend the endpoint's failed messages created at or after this time") });
export const RecoverOut = z.object({ endpointId: WebhookEndpointId, recoveryId: z.string(), since: Timestamp }).meta({ id: "WebhookRecovery" });

export const ReplayMissingIn = z.strictObject({ since: Timestamp.describe("Send the endpoint the events it never received that occurred at or after this time (not before the endpoint was created)") });
export const ReplayMissingOut = z.object({ endpointId: WebhookEndpointId, replayId: z.string(), since: Timestamp, until: Timestamp }).meta({ id: "WebhookReplay" });

export const SendTestWebhookIn = z.strictObject({ eventType: z.enum(webhookEventTypes as [EventType, ...EventType[]]).describe("The event type whose example payload is sent (GET /v1/webhook-event-types)") });
export const SendTestWebhookOut = z.object({ endpointId: WebhookEndpointId, messageId: WebhookMessageId, eventType: z.string() }).meta({ id: "WebhookTestSent" });

/** An organization's webhook settings. */
export const WebhookSettingsOut = z
  .object({ messageRetentionDays: z.number().int().describe("Days a message's payload is kept after its creation; then the retention schedule removes it (the message and its attempts stay)") })
  .meta({ id: "WebhookSettings" });
export const WebhookSettingsPatch = z.strictObject({ messageRetentionDays: z.number().int().min(1).max(365) }).meta({ id: "WebhookSettingsPatch" });

/** The filters of the attempt lists, each optional; the time range is [since, until). */
export const ListWebhookAttemptsQuery = PageQuery.extend({
  status: z.enum(["succeeded", "failed"]).optional(),
  statusClass: z.enum(["2xx", "3xx", "4xx", "5xx", "timeout", "network"]).optional(),
  eventType: z.string().min(1).max(100).optional(),
  since: Timestamp.optional(),
  until: Timestamp.optional(),
});

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
    summary: "Disable a webhook endpoint: it is sent nothing until enabled (events in between make no message for it; replay-missing sends them later); disabling twice is harmless",
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
    summary: "Enable a disabled webhook endpoint: events from now on are sent to it, and messages that were still on their way when it was disabled resume with the next sweep of stalled messages; events that happened while it was disabled are sent only by replay-missing. Enabling twice is harmless",
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
  listWebhookEndpointAttempts: defineRoute({
    operationId: "listWebhookEndpointAttempts",
    method: "GET",
    path: `${path}/attempts`,
    summary:
      "List every attempt to deliver to a webhook endpoint, newest first: status code, latency, response excerpt and trigger; filtered by outcome (status), status class, event type and time range",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:read" },
    params: ByEndpoint,
    query: ListWebhookAttemptsQuery,
    response: { status: 200, schema: page(WebhookAttemptOut) },
  }),
  listWebhookMessageAttempts: defineRoute({
    operationId: "listWebhookMessageAttempts",
    method: "GET",
    path: "/v1/organizations/{orgId}/webhook-messages/{messageId}/attempts",
    summary: "List the attempts to deliver one webhook message, newest first, with the same filters as an endpoint's attempts",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:read" },
    params: ByMessage,
    query: ListWebhookAttemptsQuery,
    response: { status: 200, schema: page(WebhookAttemptOut) },
  }),
  listWebhookMessages: defineRoute({
    operationId: "listWebhookMessages",
    method: "GET",
    path: "/v1/organizations/{orgId}/webhook-messages",
    summary: "List the organization's webhook messages, newest first, optionally of one endpoint, event type, status or time range (createdAt, since ≤ t < until)",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:read" },
    params: z.strictObject({ orgId: OrgId }),
    query: ListWebhookMessagesQuery,
    response: { status: 200, schema: page(WebhookMessageOut) },
  }),
  getWebhookMessage: defineRoute({
    operationId: "getWebhookMessage",
    method: "GET",
    path: "/v1/organizations/{orgId}/webhook-messages/{messageId}",
    summary: "Get one webhook message with its payload, exactly as it is signed and sent",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:read" },
    params: ByMessage,
    response: { status: 200, schema: WebhookMessageWithPayloadOut },
  }),
  resendWebhookMessage: defineRoute({
    operationId: "resendWebhookMessage",
    audit: "webhook_message.resent",
    method: "POST",
    path: "/v1/organizations/{orgId}/webhook-messages/{messageId}/resend",
    summary:
      "Send one message to its endpoint again, now, as a manual attempt (in its attempt log, trigger `manual`), whatever its status; queued, so the answer comes before the attempt. A disabled endpoint is sent nothing. With an Idempotency-Key, a retried request resends once",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write" },
    params: ByMessage,
    response: { status: 202, schema: ResendOut },
  }),
  recoverWebhookEndpoint: defineRoute({
    operationId: "recoverWebhookEndpoint",
    audit: "webhook_endpoint.recovered",
    method: "POST",
    path: `${path}/recover`,
    summary:
      "Resend every message to the endpoint that failed (exhausted its schedule) since a time, as manual attempts, queued and paced by the endpoint's gate; a message delivered meanwhile, by a resend or an earlier recovery, is not sent again. With an Idempotency-Key, a retried request recovers once",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write" },
    params: ByEndpoint,
    body: RecoverIn,
    response: { status: 202, schema: RecoverOut },
  }),
  replayMissingWebhookMessages: defineRoute({
    operationId: "replayMissingWebhookMessages",
    audit: "webhook_endpoint.replayed",
    method: "POST",
    path: `${path}/replay-missing`,
    summary:
      "Send the endpoint every event it never received (it was disabled, or its event types left the event out) that occurred since a time and before this request, if its event types take the event now; queued, each event sent at most once per endpoint however often this is asked. A disabled endpoint is sent nothing",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write" },
    params: ByEndpoint,
    body: ReplayMissingIn,
    response: { status: 202, schema: ReplayMissingOut },
  }),
  sendTestWebhook: defineRoute({
    operationId: "sendTestWebhook",
    audit: "webhook_endpoint.test_sent",
    method: "POST",
    path: `${path}/send-test`,
    summary:
      "Send the endpoint a test event: the example payload of an event type, signed and delivered like any message (retried on the schedule), marked `test` on the message and in the attempt log. A disabled endpoint is refused (409 invalid_state)",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write" },
    params: ByEndpoint,
    body: SendTestWebhookIn,
    response: { status: 202, schema: SendTestWebhookOut },
  }),
  getWebhookSettings: defineRoute({
    operationId: "getWebhookSettings",
    method: "GET",
    path: "/v1/organizations/{orgId}/webhook-settings",
    summary: "Get the organization's webhook settings: how many days message payloads are kept (90 unless set)",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:read" },
    params: z.strictObject({ orgId: OrgId }),
    response: { status: 200, schema: WebhookSettingsOut },
  }),
  updateWebhookSettings: defineRoute({
    operationId: "updateWebhookSettings",
    audit: "webhook_settings.updated",
    method: "PATCH",
    path: "/v1/organizations/{orgId}/webhook-settings",
    summary: "Set how many days (1–365) the organization's message payloads are kept; the next run of the retention schedule applies it to older messages",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write" },
    params: z.strictObject({ orgId: OrgId }),
    body: WebhookSettingsPatch,
    response: { status: 200, schema: WebhookSettingsOut },
  }),
  listWebhookEventTypes: defineRoute({
    operationId: "listWebhookEventTypes",
    method: "GET",
    path: "/v1/webhook-event-types",
    summary: "List every webhook event type: what it means, the JSON Schema of its payload (generated from the event contracts) and an example payload",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:read" },
    response: { status: 200, schema: z.object({ data: z.array(WebhookEventTypeOut) }).meta({ id: "WebhookEventTypeList" }) },
  }),
} as const;
