import type { DomainEvent } from "../../contracts/events.js";
import { messageFor } from "../../domain/webhooks/webhook-message.js";
import type { Clock } from "../../ports/clock.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import type { WebhookEndpointRepository } from "../../ports/webhook-endpoint-repository.js";
import type { WebhookMessageRepository } from "../../ports/webhook-message-repository.js";
import { insertIfAbsent } from "../shared/update-aggregate.js";

export interface FanOutDeps {
  webhookEndpoints: WebhookEndpointRepository;
  webhookMessages: WebhookMessageRepository;
  tasks: TaskQueue;
  clock: Clock;
}

/**
 * Creates one webhook message and one delivery task per endpoint subscribed to the event, but
 * `exceptEndpointId` (the endpoint an operational event is about: domain/webhooks/operational-events.ts).
 * A redelivered event maps onto the same message (its id derives from the event and endpoint) and
 * the same named task, so the endpoint sees one `webhook-id`.
 */
export async function fanOutEvent(deps: FanOutDeps, event: DomainEvent, { exceptEndpointId }: { exceptEndpointId?: string } = {}): Promise<number> {
  const endpoints = (await deps.webhookEndpoints.findSubscribed(event.orgId, event.type)).filter((endpoint) => endpoint.id !== exceptEndpointId);
  for (const endpoint of endpoints) {
    const message = messageFor(event, endpoint.id, deps.clock.now());
    await insertIfAbsent(deps.webhookMessages, message);
    await deps.tasks.enqueue({ kind: "webhook.deliver.v1", messageId: message.id, attempt: 1 }, { name: message.id });
  }
  return endpoints.length;
}
