import type { z } from "zod";
import type { ListWebhookMessagesQuery, RecoverIn, WebhookMessageOut } from "../../contracts/webhooks.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { WebhookMessage } from "../../domain/webhooks/webhook-message.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import type { WebhookMessageRepository } from "../../ports/webhook-message-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { loadWebhookEndpointFor, type EndpointDeps } from "./endpoints/load-webhook-endpoint.js";

export type MessageDeps = EndpointDeps & { webhookMessages: WebhookMessageRepository };
export type ReplayDeps = MessageDeps & { tasks: TaskQueue; ids: Ids; clock: Clock };

/** The organization's messages, newest first, for members and keys with webhooks:read. */
export async function listWebhookMessages(deps: MessageDeps, principal: Principal, orgId: string, query: z.infer<typeof ListWebhookMessagesQuery>) {
  await loadOrganizationFor(deps.organizations, orgId, principal, "webhooks:read");
  if (query.since && query.until && query.since >= query.until) {
    throw new AppError("validation_failed", "since must be before until", { errors: [{ location: "query.until", message: "must be after since" }] });
  }
  const filter = {
    ...(query.endpointId ? { endpointId: query.endpointId } : {}),
    ...(query.eventType ? { eventType: query.eventType } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.since ? { since: new Date(query.since) } : {}),
    ...(query.until ? { until: new Date(query.until) } : {}),
  };
  const page = decodePageRequest(query);
  return toPage(await deps.webhookMessages.listByOrganization(orgId, filter, page), page.order, presentMessage);
}

/** One message with its payload; a message of another organization is not_found. */
export async function getWebhookMessage(deps: MessageDeps, principal: Principal, orgId: string, messageId: string) {
  const message = await loadMessageFor(deps, principal, orgId, messageId, "webhooks:read");
  return { ...presentMessage(message), payload: message.payloadPurgedAt ? null : (JSON.parse(message.payload) as Record<string, unknown>) };
}

/**
 * Queues a manual attempt of one message to its endpoint. The attempt runs in the delivery task
 * (app/webhooks/deliver-webhook-message.ts), named after the resend, so it is made once; the
 * route's Idempotency-Key makes a retried request answer the same resend without queueing another.
 */
export async function resendWebhookMessage(deps: ReplayDeps, principal: Principal, orgId: string, messageId: string) {
  const message = await loadMessageFor(deps, principal, orgId, messageId, "webhooks:write");
  if (message.payloadPurgedAt) throw new AppError("invalid_state", "the message's payload was purged by the organization's retention; it cannot be sent again");
  const resendId = deps.ids.next("rsd");
  await deps.tasks.enqueue({ kind: "webhook.deliver.v1", messageId: message.id, manual: { id: resendId, onlyIfUndelivered: false } }, { name: `${message.id}-${resendId}` });
  return { messageId: message.id, resendId };
}

/**
 * Queues the recovery of an endpoint's failed messages since a time: the recovery task
 * (`recoverFailedMessages`) lists them and queues one manual attempt each, so a large recovery
 * never runs inside the request.
 */
export async function recoverWebhookEndpoint(deps: ReplayDeps, principal: Principal, orgId: string, endpointId: string, body: z.infer<typeof RecoverIn>) {
  const endpoint = await loadWebhookEndpointFor(deps, principal, orgId, endpointId);
  if (new Date(body.since) > deps.clock.now()) {
    throw new AppError("validation_failed", "since is in the future", { errors: [{ location: "body.since", message: "must not be in the future" }] });
  }
  const recoveryId = deps.ids.next("rcv");
  await deps.tasks.enqueue({ kind: "webhook.recover.v1", endpointId: endpoint.id, since: body.since, recoveryId }, { name: recoveryId });
  return { endpointId: endpoint.id, recoveryId, since: body.since };
}

const recoveryPage = 100;

/**
 * The recovery task: one manual attempt, named after the message and the recovery, for each of
 * the endpoint's failed messages created since `since`. Run again, it queues the same names
 * (nothing new); a message delivered in between is skipped when its attempt runs
 * (`onlyIfUndelivered`), so a second recovery sends nothing already delivered. Returns how many
 * attempts it queued.
 */
export async function recoverFailedMessages(deps: { webhookMessages: WebhookMessageRepository; webhookEndpoints: EndpointDeps["webhookEndpoints"]; tasks: TaskQueue }, task: { endpointId: string; since: string; recoveryId: string }): Promise<number> {
  const endpoint = await deps.webhookEndpoints.findById(task.endpointId);
  if (!endpoint) return 0;
  let queued = 0;
  let page = decodePageRequest({ limit: recoveryPage, sort: "createdAt" });
  for (;;) {
    const found = await deps.webhookMessages.listByOrganization(endpoint.orgId, { endpointId: endpoint.id, status: "failed", since: new Date(task.since) }, page);
    for (const message of found.items) {
      await deps.tasks.enqueue({ kind: "webhook.deliver.v1", messageId: message.id, manual: { id: task.recoveryId, onlyIfUndelivered: true } }, { name: `${message.id}-${task.recoveryId}` });
      queued++;
    }
    if (!found.next) return queued;
    page = { ...page, after: found.next };
  }
}

async function loadMessageFor(deps: MessageDeps, principal: Principal, orgId: string, messageId: string, permission: "webhooks:read" | "webhooks:write"): Promise<WebhookMessage> {
  await loadOrganizationFor(deps.organizations, orgId, principal, permission);
  const message = await deps.webhookMessages.findById(messageId);
  if (!message || message.orgId !== orgId) throw new AppError("not_found", "webhook message not found");
  return message;
}

export function presentMessage(message: WebhookMessage): WebhookMessageOut {
  return {
    id: message.id,
    endpointId: message.endpointId,
    eventId: message.eventId,
    eventType: message.eventType,
    status: message.status,
    attempts: message.attempts.length,
    createdAt: message.createdAt.toISOString(),
    deliveredAt: message.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: message.nextAttemptAt?.toISOString() ?? null,
    test: message.test,
    payloadPurgedAt: message.payloadPurgedAt?.toISOString() ?? null,
  };
}
