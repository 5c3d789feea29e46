import { AppError } from "../../domain/app-error.js";
import { isEndpointFailure, retryDelaySeconds } from "../../domain/webhooks/delivery-gate.js";
import { deferred, isSuccessStatus, withAttempt } from "../../domain/webhooks/webhook-message.js";
import { signatureHeader } from "../../domain/webhooks/signing.js";
import { signingMaterialAt } from "../../domain/webhooks/webhook-endpoint.js";
import type { Clock } from "../../ports/clock.js";
import type { EndpointGate } from "../../ports/endpoint-gate.js";
import type { Logger } from "../../ports/logger.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import type { WebhookEndpointRepository } from "../../ports/webhook-endpoint-repository.js";
import type { WebhookMessageRepository } from "../../ports/webhook-message-repository.js";
import type { WebhookSender } from "../../ports/webhook-sender.js";
import { describe } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";

export interface DeliverDeps {
  webhookEndpoints: WebhookEndpointRepository;
  webhookMessages: WebhookMessageRepository;
  sender: WebhookSender;
  gate: EndpointGate;
  tasks: TaskQueue;
  clock: Clock;
  logger: Logger;
}

export type DeliveryOutcome = "delivered" | "already_delivered" | "dropped" | "deferred" | "endpoint_disabled";

// A slot is held a little past the attempt's own limit, so that it never lapses under an attempt still running.
const slotMarginMs = 5_000;

/**
 * One delivery attempt of a webhook message, through its endpoint's gate
 * (domain/webhooks/delivery-gate.ts), which also paces it to its rate limit. Any 2xx is success; anything else is logged as an attempt
 * and thrown as `unavailable`, so the task queue retries it with backoff. When the gate refuses
 * (both slots busy, the breaker open, or no room in its pace), nothing is sent and nothing counts as an attempt: the
 * message is handed to a new task that runs when the gate should let it through, and this one
 * ends (`webhook.delivery.deferred`), so a hanging endpoint holds no more than its slots. A
 * disabled endpoint is sent nothing: its message is held (`endpoint_disabled`).
 */
export async function deliverWebhookMessage(deps: DeliverDeps, messageId: string): Promise<DeliveryOutcome> {
  const message = await deps.webhookMessages.findById(messageId);
  if (!message) return "dropped";
  if (message.status === "delivered") return "already_delivered";
  const endpoint = await deps.webhookEndpoints.findById(message.endpointId);
  if (!endpoint) return "dropped";
  const now = deps.clock.now();
  if (endpoint.status === "disabled") {
    // Held, not attempted: marked as seen so that the sweep of stalled messages hands it a task
    // again once per stall window, and it goes out after the endpoint is enabled.
    await updateAggregate(deps.webhookMessages, messageId, (current) => ({ next: deferred(current, now) }));
    deps.logger.info("webhook.delivery.held", { messageId, endpointId: endpoint.id });
    return "endpoint_disabled";
  }
  const admission = await deps.gate.admit(endpoint.id, now, deps.sender.attemptTimeoutMs + slotMarginMs, endpoint.rateLimitPerSecond);
  if (!admission.admitted) {
    const delaySeconds = retryDelaySeconds(admission.refusal, now, Math.random());
    await deps.tasks.enqueue({ kind: "webhook.deliver.v1", messageId }, { delaySeconds });
    await updateAggregate(deps.webhookMessages, messageId, (current) => ({ next: deferred(current, now) }));
    deps.logger.info("webhook.delivery.deferred", { messageId, endpointId: endpoint.id, reason: admission.refusal.reason, delaySeconds });
    return "deferred";
  }
  // Signed with every secret and key in force now: during a rotation, the replaced ones too.
  const signature = signatureHeader(signingMaterialAt(endpoint, now), messageId, now, message.payload);
  const result = await deps.sender.send({ url: endpoint.url, signature, headers: endpoint.headers, messageId, timestamp: now, body: message.payload });
  const delivered = isSuccessStatus(result.status);
  try {
    const attempt = { at: deps.clock.now(), ...result };
    await updateAggregate(deps.webhookMessages, messageId, (current) => ({ next: withAttempt(current, attempt, delivered) }));
  } finally {
    // The slot lapses by itself if this fails; the breaker then misses one outcome, nothing more.
    await deps.gate.release(admission.lease, isEndpointFailure(result.status), deps.clock.now()).catch((error: unknown) => {
      deps.logger.warn("webhook.gate.release_failed", { messageId, endpointId: endpoint.id, cause: describe(error) });
    });
  }
  if (!delivered) throw new AppError("unavailable", `endpoint answered ${result.status ?? result.error ?? "nothing"}`);
  return "delivered";
}
