import { AppError } from "../../domain/app-error.js";
import { isSuccessStatus, withAttempt } from "../../domain/webhooks/webhook-message.js";
import type { Clock } from "../../ports/clock.js";
import type { WebhookEndpointRepository } from "../../ports/webhook-endpoint-repository.js";
import type { WebhookMessageRepository } from "../../ports/webhook-message-repository.js";
import type { WebhookSender } from "../../ports/webhook-sender.js";
import { updateAggregate } from "../shared/update-aggregate.js";

export interface DeliverDeps {
  webhookEndpoints: WebhookEndpointRepository;
  webhookMessages: WebhookMessageRepository;
  sender: WebhookSender;
  clock: Clock;
}

export type DeliveryOutcome = "delivered" | "already_delivered" | "dropped";

/**
 * One delivery attempt of a webhook message. Any 2xx is success; anything else is logged as an
 * attempt and thrown as `unavailable`, so the task queue retries it with backoff.
 */
export async function deliverWebhookMessage(deps: DeliverDeps, messageId: string): Promise<DeliveryOutcome> {
  const message = await deps.webhookMessages.findById(messageId);
  if (!message) return "dropped";
  if (message.status === "delivered") return "already_delivered";
  const endpoint = await deps.webhookEndpoints.findById(message.endpointId);
  if (!endpoint) return "dropped";
  const result = await deps.sender.send({ url: endpoint.url, secret: endpoint.secret, messageId, timestamp: deps.clock.now(), body: message.payload });
  const delivered = isSuccessStatus(result.status);
  const attempt = { at: deps.clock.now(), ...result };
  await updateAggregate(deps.webhookMessages, messageId, (current) => ({ next: withAttempt(current, attempt, delivered) }));
  if (!delivered) throw new AppError("unavailable", `endpoint answered ${result.status ?? result.error ?? "nothing"}`);
  return "delivered";
}
