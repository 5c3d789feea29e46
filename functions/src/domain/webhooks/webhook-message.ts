import { createHash } from "node:crypto";
import { z } from "zod";
import { EventId, OrgId, WebhookEndpointId, WebhookMessageId } from "../../contracts/common.js";
import { DomainEvent, webhookPayloadOf } from "../../contracts/events.js";
import { firstVersion, Version } from "../aggregate.js";
import { isOperationalEvent, messageNotice } from "./operational-events.js";
import { maxAttempts, retrySchedule } from "./retry-schedule.js";

export const WebhookAttempt = z.object({
  at: z.date(),
  status: z.number().int().nullable(),
  latencyMs: z.number().min(0),
  error: z.string().optional(),
  responseExcerpt: z.string().optional(),
  /** `scheduled` by the retry schedule, or `manual` (a resend); absent on attempts stored before it existed. */
  trigger: z.enum(["scheduled", "manual"]).default("scheduled"),
  /** The wait the schedule set after this attempt, in real time (before any test time scale); null when none follows. */
  nextDelayMs: z.number().int().min(0).nullable().default(null),
  /** A manual attempt's resend or recovery id: a task run again for it finds it made and makes no other. */
  manualId: z.string().optional(),
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
  /** `failed`: every attempt of the schedule failed (exhausted); nothing tries it again by itself. */
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.array(WebhookAttempt),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
  /** The last time anything happened to it: created, attempted, or put off by its endpoint's gate. Absent on messages stored before it existed. */
  lastActivityAt: z.date().optional(),
  /** When the schedule tries it next (scaled, in the platform's time); null when nothing is scheduled. */
  nextAttemptAt: z.date().nullable().default(null),
  /**
   * The operational events this message has caused (failing, exhausted, recovered): kept with it,
   * so that a task retried after a crash sends the same ones again (their ids are fixed) and none is lost.
   */
  notices: z.array(DomainEvent).default([]),
  /** A test message ("send a test event"): an example payload, no domain event behind it; it causes no operational event. */
  test: z.boolean().default(false),
  /** Set once its payload was purged by the retention schedule: its metadata and attempts stay, the body is gone. */
  payloadPurgedAt: z.date().nullable().default(null),
  version: Version,
});
export type WebhookMessage = z.infer<typeof WebhookMessage>;

/**
 * The message that carries `event` to an endpoint. Its id is derived from the event and endpoint
 * ids, so a redelivered event maps onto the same message and the endpoint sees one `webhook-id`.
 */
export function messageFor(event: DomainEvent, endpointId: string, now: Date): WebhookMessage {
  return pendingMessage({ eventId: event.id, eventType: event.type, orgId: event.orgId, payload: webhookPayloadOf(event), test: false }, endpointId, now);
}

/**
 * A test message to one endpoint: the example payload of `eventType` under a fresh event id,
 * delivered through the same path as any message (signed, scheduled, logged), marked `test`.
 */
export function testMessageFor(payload: { type: string; timestamp: string; data: { id: string; orgId: string } }, endpointId: string, now: Date): WebhookMessage {
  return pendingMessage({ eventId: payload.data.id, eventType: payload.type, orgId: payload.data.orgId, payload, test: true }, endpointId, now);
}

function pendingMessage(of: { eventId: string; eventType: string; orgId: string; payload: unknown; test: boolean }, endpointId: string, now: Date): WebhookMessage {
  return {
    id: messageIdFor(of.eventId, endpointId),
    endpointId,
    orgId: of.orgId,
    eventId: of.eventId,
    eventType: of.eventType,
    payload: JSON.stringify(of.payload),
    status: "pending",
    attempts: [],
    createdAt: now,
    deliveredAt: null,
    lastActivityAt: now,
    nextAttemptAt: null,
    notices: [],
    test: of.test,
    payloadPurgedAt: null,
    version: firstVersion,
  };
}

export function messageIdFor(eventId: string, endpointId: string): string {
  return `msg_${createHash("sha256").update(`${eventId}/${endpointId}`).digest("hex").slice(0, 24)}`;
}

/** The message with one more attempt logged; delivered when the attempt was, and never undelivered. */
export function withAttempt(message: WebhookMessage, attempt: z.input<typeof WebhookAttempt>, delivered: boolean): WebhookMessage {
  const attempts = [...message.attempts, { trigger: "scheduled" as const, nextDelayMs: null, ...attempt }];
  if (!delivered || message.status === "delivered") return { ...message, attempts, lastActivityAt: attempt.at };
  return { ...message, attempts, lastActivityAt: attempt.at, status: "delivered", deliveredAt: attempt.at };
}

/**
 * The message after a manual attempt (a resend, or a recovery): logged, and delivered when it
 * succeeded, even after its schedule was exhausted. It leaves the schedule as it was: a pending
 * message's next scheduled attempt still comes (and finds it delivered, if it now is).
 */
export function afterManualAttempt(message: WebhookMessage, attempt: z.input<typeof WebhookAttempt>, manualId: string, delivered: boolean): WebhookMessage {
  return withAttempt(message, { ...attempt, trigger: "manual", manualId }, delivered);
}

export const hasManualAttempt = (message: WebhookMessage, manualId: string): boolean => message.attempts.some((attempt) => attempt.manualId === manualId);

/** The message put off by its endpoint's gate: not an attempt, but proof that it is on its way. */
export function deferred(message: WebhookMessage, at: Date): WebhookMessage {
  return { ...message, lastActivityAt: at };
}

/**
 * Whether a pending message has seen nothing happen since `before`, and was not due to be tried
 * after it either: its delivery task may have been lost.
 */
export function isStalled(message: WebhookMessage, before: Date): boolean {
  if (message.status !== "pending") return false;
  if (message.nextAttemptAt && message.nextAttemptAt >= before) return false;
  return (message.lastActivityAt ?? message.attempts.at(-1)?.at ?? message.createdAt) < before;
}

/** The scheduled attempts made so far: their count is the message's place in the retry schedule. */
export const scheduledAttempts = (message: WebhookMessage): number => message.attempts.filter((attempt) => attempt.trigger === "scheduled").length;

const failures = (message: WebhookMessage): number => message.attempts.filter((attempt) => !isSuccessStatus(attempt.status)).length;
const hasNotice = (message: WebhookMessage, type: string): boolean => message.notices.some((notice) => notice.type === type);

/**
 * The message after one scheduled attempt: logged, then delivered; or waiting `nextDelayMs`
 * (divided by `scale`, the test-only time scale) for the next; or `failed` when the schedule is
 * over (nextDelayMs null); or held with nothing scheduled when its endpoint was disabled by the
 * answer (410), until it is enabled. The operational events it owes are added to its notices:
 * failing once it has failed `failingAfterFailures` times, exhausted at the end, recovered when
 * it is delivered after failing. A message carrying an operational event owes none, nor does a test message.
 */
export function afterAttempt(
  message: WebhookMessage,
  attempt: z.input<typeof WebhookAttempt>,
  outcome: { delivered: boolean; nextDelayMs: number | null; endpointDisabled: boolean; scale: number },
): WebhookMessage {
  const logged = withAttempt(message, { ...attempt, nextDelayMs: outcome.delivered || outcome.endpointDisabled ? null : outcome.nextDelayMs }, outcome.delivered);
  const notices = [...message.notices];
  const notify = (type: "message.attempt.failing.v1" | "message.attempt.exhausted.v1" | "message.attempt.recovered.v1") => {
    if (!isOperationalEvent(message.eventType) && !message.test && !hasNotice(logged, type)) notices.push(messageNotice(type, message, logged.attempts.length, attempt.status, attempt.at));
  };
  if (outcome.delivered) {
    if (hasNotice(logged, "message.attempt.failing.v1")) notify("message.attempt.recovered.v1");
    return { ...logged, nextAttemptAt: null, notices };
  }
  if (failures(logged) >= retrySchedule.failingAfterFailures) notify("message.attempt.failing.v1");
  if (outcome.endpointDisabled) return { ...logged, nextAttemptAt: null, notices };
  if (outcome.nextDelayMs === null || scheduledAttempts(logged) >= maxAttempts) {
    notify("message.attempt.exhausted.v1");
    return { ...logged, status: "failed", nextAttemptAt: null, notices };
  }
  return { ...logged, nextAttemptAt: new Date(attempt.at.getTime() + Math.ceil(outcome.nextDelayMs / outcome.scale)), notices };
}

export const isSuccessStatus = (status: number | null): boolean => status !== null && status >= 200 && status < 300;
