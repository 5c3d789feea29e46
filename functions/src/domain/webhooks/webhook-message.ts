import { createHash } from "node:crypto";
import { z } from "zod";
import { EventId, OrgId, WebhookEndpointId, WebhookMessageId } from "../../contracts/common.js";
import { webhookPayloadOf, type DomainEvent } from "../../contracts/events.js";
import { firstVersion, Version } from "../aggregate.js";

export const WebhookAttempt = z.object({
  at: z.date(),
  status: z.number().int().nullable(),
  latencyMs: z.number().min(0),
  error: z.string().optional(),
  responseExcerpt: z.string().optional(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

/** One event on its way to one endpoint, with every attempt made to deliver it. */
export const WebhookMessage = z.object({
  id: WebhookMessageId,
  endpointId: WebhookEndpointId,
  orgId: OrgId,
  eventId: EventId,
  eventType: z.string(),
  /** The exact body that is signed and sent; fixed at creation so every attempt sends the same bytes. */
  payload: z.string(),
  status: z.enum(["pending", "delivered"]),
  attempts: z.array(WebhookAttempt),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
  /** The last time anything happened to it: created, attempted, or put off by its endpoint's gate. Absent on messages stored before it existed. */
  lastActivityAt: z.date().optional(),
  version: Version,
});
export type WebhookMessage = z.infer<typeof WebhookMessage>;

/**
 * The message that carries `event` to an endpoint. Its id is derived from the event and endpoint
 * ids, so a redelivered event maps onto the same message and the endpoint sees one `webhook-id`.
 */
export function messageFor(event: DomainEvent, endpointId: string, now: Date): WebhookMessage {
  return {
    id: messageIdFor(event.id, endpointId),
    endpointId,
    orgId: event.orgId,
    eventId: event.id,
    eventType: event.type,
    payload: JSON.stringify(webhookPayloadOf(event)),
    status: "pending",
    attempts: [],
    createdAt: now,
    deliveredAt: null,
    lastActivityAt: now,
    version: firstVersion,
  };
}

export function messageIdFor(eventId: string, endpointId: string): string {
  return `msg_${createHash("sha256").update(`${eventId}/${endpointId}`).digest("hex").slice(0, 24)}`;
}

/** The message with one more attempt logged; delivered when the attempt was, and never undelivered. */
export function withAttempt(message: WebhookMessage, attempt: WebhookAttempt, delivered: boolean): WebhookMessage {
  const attempts = [...message.attempts, attempt];
  if (!delivered || message.status === "delivered") return { ...message, attempts, lastActivityAt: attempt.at };
  return { ...message, attempts, lastActivityAt: attempt.at, status: "delivered", deliveredAt: attempt.at };
}

/** The message put off by its endpoint's gate: not an attempt, but proof that it is on its way. */
export function deferred(message: WebhookMessage, at: Date): WebhookMessage {
  return { ...message, lastActivityAt: at };
}

/** Whether a pending message has seen nothing happen since `before`: its delivery task may have been lost. */
export function isStalled(message: WebhookMessage, before: Date): boolean {
  return message.status === "pending" && (message.lastActivityAt ?? message.attempts.at(-1)?.at ?? message.createdAt) < before;
}

export const isSuccessStatus = (status: number | null): boolean => status !== null && status >= 200 && status < 300;
