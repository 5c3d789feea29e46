import { createHash } from "node:crypto";
import type { EventOf } from "../../contracts/events.js";
import { domainEvent } from "../events/domain-event.js";

/**
 * The operational events of webhook delivery: about a message (failing, exhausted, recovered) or
 * an endpoint (disabled). They go to the organization's endpoints subscribed to them, with two
 * rules against loops:
 * - never to the endpoint they are about: an endpoint that fails would otherwise get one more
 *   message about its failures, which fails, and so on for as long as it fails;
 * - a message that carries an operational event causes none itself (it still counts towards its
 *   endpoint's failing and may disable it): a second failing endpoint subscribed to them would
 *   otherwise bounce notices about each other's notices forever.
 * Their ids derive from what they are about, so deciding one again (a retried task) names the
 * same event, and fan-out maps it onto the same messages.
 */
export const operationalEventTypes = new Set<string>([
  "message.attempt.failing.v1",
  "message.attempt.exhausted.v1",
  "message.attempt.recovered.v1",
  "endpoint.disabled.v1",
]);

export const isOperationalEvent = (eventType: string): boolean => operationalEventTypes.has(eventType);

type MessageNoticeType = "message.attempt.failing.v1" | "message.attempt.exhausted.v1" | "message.attempt.recovered.v1";
export type MessageNotice = EventOf<MessageNoticeType>;
export type EndpointDisabled = EventOf<"endpoint.disabled.v1">;

/** The id of the one event of `type` about `subject` (a message, or an endpoint's spell of failing). */
export function operationalEventId(subject: string, type: string): string {
  return `evt_${createHash("sha256").update(`${subject}/${type}`).digest("hex").slice(0, 24)}`;
}

export function messageNotice(
  type: MessageNoticeType,
  message: { id: string; orgId: string; endpointId: string; eventId: string; eventType: string },
  attempts: number,
  lastStatus: number | null,
  now: Date,
): MessageNotice {
  const data = { messageId: message.id, endpointId: message.endpointId, eventId: message.eventId, eventType: message.eventType, attempts, lastStatus };
  return domainEvent(type, message.orgId, data, operationalEventId(message.id, type), now);
}

/**
 * `endpoint.disabled.v1` for an endpoint disabled at `now`; `spell` names what disabled it (the
 * attempt that got 410, or the start of its failing), so that the same cause names the same event.
 */
export function endpointDisabled(
  endpoint: { id: string; orgId: string },
  reason: "gone" | "failing",
  failingSince: Date | null,
  spell: string,
  now: Date,
): EndpointDisabled {
  const data = { endpointId: endpoint.id, reason, failingSince: failingSince?.toISOString() ?? null };
  return domainEvent("endpoint.disabled.v1", endpoint.orgId, data, operationalEventId(`${endpoint.id}/${spell}`, "endpoint.disabled.v1"), now);
}
