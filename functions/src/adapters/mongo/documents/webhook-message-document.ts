import type { Db } from "mongodb";
import { z } from "zod";
import { EventId, OrgId, WebhookEndpointId, WebhookMessageId } from "../../../contracts/common.js";
import type { WebhookAttempt, WebhookMessage } from "../../../ports/repositories.js";
import { parseDocument } from "../parse-document.js";

const WebhookAttemptDocument = z.object({
  at: z.date(),
  status: z.number().int().nullable(),
  latencyMs: z.number().min(0),
  error: z.string().optional(),
  responseExcerpt: z.string().optional(),
});
type WebhookAttemptDocument = z.infer<typeof WebhookAttemptDocument>;

export const WebhookMessageDocument = z.object({
  _id: WebhookMessageId,
  endpointId: WebhookEndpointId,
  orgId: OrgId,
  eventId: EventId,
  eventType: z.string(),
  payload: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.array(WebhookAttemptDocument),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
});
export type WebhookMessageDocument = z.infer<typeof WebhookMessageDocument>;

export const webhookMessagesCollection = (db: Db) => db.collection<WebhookMessageDocument>("webhook_messages");

/** An attempt without its absent optional fields, which would otherwise be stored as nulls. */
export function webhookAttemptToDocument(attempt: WebhookAttempt): WebhookAttemptDocument {
  return {
    at: attempt.at,
    status: attempt.status,
    latencyMs: attempt.latencyMs,
    ...(attempt.error !== undefined && { error: attempt.error }),
    ...(attempt.responseExcerpt !== undefined && { responseExcerpt: attempt.responseExcerpt }),
  };
}

export function webhookMessageToDocument(message: WebhookMessage): WebhookMessageDocument {
  return {
    _id: message.id,
    endpointId: message.endpointId,
    orgId: message.orgId,
    eventId: message.eventId,
    eventType: message.eventType,
    payload: message.payload,
    status: message.status,
    attempts: message.attempts.map(webhookAttemptToDocument),
    createdAt: message.createdAt,
    deliveredAt: message.deliveredAt,
  };
}

export function webhookMessageFromDocument(document: unknown): WebhookMessage {
  const stored = parseDocument(WebhookMessageDocument, "webhook_messages", document);
  return {
    id: stored._id,
    endpointId: stored.endpointId,
    orgId: stored.orgId,
    eventId: stored.eventId,
    eventType: stored.eventType,
    payload: stored.payload,
    status: stored.status,
    attempts: stored.attempts,
    createdAt: stored.createdAt,
    deliveredAt: stored.deliveredAt,
  };
}
