import { createHash } from "node:crypto";
import type { DomainEvent } from "../../contracts/events.js";
import type { Clock } from "../../ports/clock.js";
import type { WebhookEndpointRepository, WebhookMessageRepository } from "../../ports/repositories.js";
import type { TaskQueue } from "../../ports/task-queue.js";

export interface FanOutDeps {
  webhookEndpoints: WebhookEndpointRepository;
  webhookMessages: WebhookMessageRepository;
  tasks: TaskQueue;
  clock: Clock;
}

/**
 * Creates one webhook message and one delivery task per endpoint subscribed to the event. The
 * message id is derived from the event and endpoint ids, so a redelivered event maps onto the
 * same message and task and the endpoint sees one `webhook-id`.
 */
export async function fanOutEvent(deps: FanOutDeps, event: DomainEvent): Promise<number> {
  const endpoints = await deps.webhookEndpoints.findSubscribed(event.orgId, event.type);
  for (const endpoint of endpoints) {
    const messageId = messageIdFor(event.id, endpoint.id);
    await deps.webhookMessages.insertOnce({
      id: messageId,
      endpointId: endpoint.id,
      orgId: event.orgId,
      eventId: event.id,
      eventType: event.type,
      payload: JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: { id: event.id, version: event.version, orgId: event.orgId, ...event.data } }),
      status: "pending",
      attempts: [],
      createdAt: deps.clock.now(),
      deliveredAt: null,
    });
    await deps.tasks.enqueue({ kind: "webhook.deliver.v1", messageId }, { name: messageId });
  }
  return endpoints.length;
}

export function messageIdFor(eventId: string, endpointId: string): string {
  return `msg_${createHash("sha256").update(`${eventId}/${endpointId}`).digest("hex").slice(0, 24)}`;
}
