import { AppError } from "../../domain/app-error.js";
import type { Clock } from "../../ports/clock.js";
import type { WebhookEndpointRepository, WebhookMessageRepository } from "../../ports/repositories.js";
import type { WebhookSender } from "../../ports/webhook-sender.js";

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
  if (!endpoint || endpoint.disabledAt) return "dropped";
  const result = await deps.sender.send({ url: endpoint.url, secret: endpoint.secret, messageId, timestamp: deps.clock.now(), body: message.payload });
  const delivered = result.status !== null && result.status >= 200 && result.status < 300;
  await deps.webhookMessages.recordAttempt(messageId, { at: deps.clock.now(), ...result }, delivered);
  if (!delivered) throw new AppError("unavailable", `endpoint answered ${result.status ?? result.error ?? "nothing"}`);
  return "delivered";
}
