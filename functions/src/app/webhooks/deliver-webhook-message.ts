import type { z } from "zod";
import { isEndpointFailure, retryDelaySeconds } from "../../domain/webhooks/delivery-gate.js";
import { afterOutcome } from "../../domain/webhooks/endpoint-health.js";
import type { EndpointDisabled } from "../../domain/webhooks/operational-events.js";
import { disablesEndpoint, isTimeout, nextDelayMs, parseRetryAfter } from "../../domain/webhooks/retry-schedule.js";
import { signatureHeader } from "../../domain/webhooks/signing.js";
import { signingMaterialAt } from "../../domain/webhooks/webhook-endpoint.js";
import { afterAttempt, afterManualAttempt, deferred, hasManualAttempt, isSuccessStatus, scheduledAttempts, type WebhookMessage } from "../../domain/webhooks/webhook-message.js";
import type { WebhookEndpoint } from "../../domain/webhooks/webhook-endpoint.js";
import type { DeliverWebhookTask } from "../../contracts/tasks.js";
import type { Clock } from "../../ports/clock.js";
import type { EndpointGate } from "../../ports/endpoint-gate.js";
import type { Logger } from "../../ports/logger.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import type { WebhookEndpointRepository } from "../../ports/webhook-endpoint-repository.js";
import type { WebhookMessageRepository } from "../../ports/webhook-message-repository.js";
import type { WebhookSender } from "../../ports/webhook-sender.js";
import type { WebhookAttemptLog } from "../../ports/webhook-attempt-log.js";
import { attemptRecordOf } from "../../domain/webhooks/attempt-record.js";
import { describe } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { fanOutEvent } from "./fan-out-event.js";

export interface DeliverDeps {
  webhookEndpoints: WebhookEndpointRepository;
  webhookMessages: WebhookMessageRepository;
  webhookAttempts: WebhookAttemptLog;
  sender: WebhookSender;
  gate: EndpointGate;
  tasks: TaskQueue;
  clock: Clock;
  logger: Logger;
  /** Test-only: divides every wait of the retry schedule (config.ts, WEBHOOK_TIME_SCALE); 1 in production. */
  webhookTimeScale: number;
}

export type DeliveryOutcome = "delivered" | "already_delivered" | "exhausted" | "scheduled" | "stale" | "dropped" | "deferred" | "endpoint_disabled" | "failed_manual" | "payload_purged";

// A slot is held a little past the attempt's own limit, so that it never lapses under an attempt still running.
const slotMarginMs = 5_000;

/**
 * One scheduled delivery attempt of a webhook message (its `attempt`-th; a task for an attempt
 * already made makes none), through its endpoint's gate (domain/webhooks/delivery-gate.ts), which
 * also paces it to its rate limit. Any 2xx is success. A failure is logged with the wait the retry
 * schedule sets (domain/webhooks/retry-schedule.ts), and the next attempt is a named task with
 * that delay, not the queue's backoff (which only retries a task that crashed). The endpoint's
 * health follows every outcome (domain/webhooks/endpoint-health.ts): 410 or 5 days of failing
 * disables it. The operational events decided are kept on the message, then fanned out to the
 * organization's other endpoints; a task run again for the same attempt sends them and schedules
 * the next attempt again, both idempotent, so a crash in between loses neither.
 *
 * When the gate refuses (both slots busy, the breaker open, or no room in its pace), nothing is
 * sent and nothing counts as an attempt: the message is handed to a new task that runs when the
 * gate should let it through (`webhook.delivery.deferred`). A disabled endpoint is sent nothing:
 * its message is held (`endpoint_disabled`).
 */
export async function deliverWebhookMessage(deps: DeliverDeps, messageId: string, attempt?: number, manual?: ManualAttempt): Promise<DeliveryOutcome> {
  const message = await deps.webhookMessages.findById(messageId);
  if (!message) return "dropped";
  // Its body is gone (the organization's retention): there is nothing left to send.
  if (message.payloadPurgedAt) return "payload_purged";
  if (manual) return deliverManually(deps, message, manual);
  const endpoint = await deps.webhookEndpoints.findById(message.endpointId);
  if (message.status !== "pending" || (attempt !== undefined && scheduledAttempts(message) >= attempt)) {
    await followUp(deps, message);
    if (message.status === "pending") return "stale";
    return message.status === "delivered" ? "already_delivered" : "exhausted";
  }
  if (!endpoint) return "dropped";
  const now = deps.clock.now();
  if (endpoint.status === "disabled") {
    // Held, not attempted: marked as seen so that the sweep of stalled messages hands it a task
    // again once per stall window, and it goes out after the endpoint is enabled.
    await updateAggregate(deps.webhookMessages, messageId, (current) => ({ next: deferred(current, now) }));
    deps.logger.info("webhook.delivery.held", { messageId, endpointId: endpoint.id });
    return "endpoint_disabled";
  }
  const sent = await sendThroughGate(deps, message, endpoint, now, { kind: "webhook.deliver.v1", messageId, ...(attempt ? { attempt } : {}) });
  if (sent === "deferred") return "deferred";
  const { result, answeredAt, delivered, disabled, endpointDisabled } = sent;
  const answer = { status: result.status, timedOut: isTimeout(result.error), retryAfterMs: parseRetryAfter(result.retryAfter, answeredAt) };
  const { retryAfter: _retryAfter, ...logged } = result;
  const saved = await updateAggregate(deps.webhookMessages, messageId, (current) => {
    const after = afterAttempt(current, { at: answeredAt, ...logged }, {
      delivered,
      nextDelayMs: delivered ? null : nextDelayMs(scheduledAttempts(current) + 1, answer, Math.random()),
      endpointDisabled,
      scale: deps.webhookTimeScale,
    });
    const notice = disabled;
    return { next: notice && !after.notices.some((n) => n.id === notice.id) ? { ...after, notices: [...after.notices, notice] } : after };
  });
  if (saved) await followUp(deps, saved);
  deps.logger.info("webhook.delivery.attempted", { messageId, endpointId: endpoint.id, attempt: scheduledAttempts(message) + 1, status: result.status, error: result.error, nextAttemptAt: saved?.nextAttemptAt?.toISOString() });
  if (delivered) return "delivered";
  if (endpointDisabled) return "endpoint_disabled";
  return saved?.status === "failed" ? "exhausted" : "scheduled";
}

export type ManualAttempt = { id: string; onlyIfUndelivered: boolean };

/**
 * A manual attempt (a resend or a recovery: app/webhooks/replay-webhook-messages.ts), made once
 * per id: a task run again finds it made and only records it. It goes through the endpoint's gate
 * like any attempt (a recovery of thousands of messages is paced like the schedule), follows the
 * endpoint's health, and leaves the message's schedule as it was. A disabled or deleted endpoint
 * is sent nothing, and a recovery skips a message delivered meanwhile.
 */
async function deliverManually(deps: DeliverDeps, message: WebhookMessage, manual: ManualAttempt): Promise<DeliveryOutcome> {
  if (hasManualAttempt(message, manual.id)) {
    await followUp(deps, message);
    return "stale";
  }
  if (manual.onlyIfUndelivered && message.status === "delivered") return "already_delivered";
  const endpoint = await deps.webhookEndpoints.findById(message.endpointId);
  if (!endpoint) return "dropped";
  if (endpoint.status === "disabled") return "endpoint_disabled";
  const now = deps.clock.now();
  const sent = await sendThroughGate(deps, message, endpoint, now, { kind: "webhook.deliver.v1", messageId: message.id, manual });
  if (sent === "deferred") return "deferred";
  const { result, answeredAt, delivered, disabled } = sent;
  const { retryAfter: _retryAfter, ...logged } = result;
  const saved = await updateAggregate(deps.webhookMessages, message.id, (current) => {
    if (hasManualAttempt(current, manual.id)) return null;
    const after = afterManualAttempt(current, { at: answeredAt, ...logged }, manual.id, delivered);
    const notice = disabled;
    return { next: notice && !after.notices.some((n) => n.id === notice.id) ? { ...after, notices: [...after.notices, notice] } : after };
  });
  if (saved) await followUp(deps, saved);
  deps.logger.info("webhook.delivery.attempted", { messageId: message.id, endpointId: endpoint.id, manual: manual.id, status: result.status, error: result.error });
  return delivered ? "delivered" : "failed_manual";
}

/**
 * Sends the message to the endpoint through its gate, then lets the endpoint's health follow the
 * outcome. When the gate refuses, nothing is sent and `retry` is enqueued for when it should let
 * the message through.
 */
async function sendThroughGate(deps: DeliverDeps, message: WebhookMessage, endpoint: WebhookEndpoint, now: Date, retry: z.infer<typeof DeliverWebhookTask>) {
  const messageId = message.id;
  const admission = await deps.gate.admit(endpoint.id, now, deps.sender.attemptTimeoutMs + slotMarginMs, endpoint.rateLimitPerSecond);
  if (!admission.admitted) {
    const delaySeconds = retryDelaySeconds(admission.refusal, now, Math.random());
    await deps.tasks.enqueue(retry, { delaySeconds });
    await updateAggregate(deps.webhookMessages, messageId, (current) => ({ next: deferred(current, now) }));
    deps.logger.info("webhook.delivery.deferred", { messageId, endpointId: endpoint.id, reason: admission.refusal.reason, delaySeconds });
    return "deferred" as const;
  }
  // Signed with every secret and key in force now: during a rotation, the replaced ones too.
  const signature = signatureHeader(signingMaterialAt(endpoint, now), messageId, now, message.payload);
  const result = await deps.sender.send({ url: endpoint.url, signature, headers: endpoint.headers, messageId, timestamp: now, body: message.payload });
  const answeredAt = deps.clock.now();
  await deps.gate.release(admission.lease, isEndpointFailure(result.status), answeredAt).catch((error: unknown) => {
    // The slot lapses by itself; the breaker then misses one outcome, nothing more.
    deps.logger.warn("webhook.gate.release_failed", { messageId, endpointId: endpoint.id, cause: describe(error) });
  });

  const delivered = isSuccessStatus(result.status);
  const attemptId = `${messageId}/${message.attempts.length + 1}`;
  let disabled: EndpointDisabled | null = null;
  const health = await updateAggregate(deps.webhookEndpoints, endpoint.id, (current) => {
    const change = afterOutcome(current, { failed: !delivered, gone: disablesEndpoint(result.status), attemptId }, answeredAt, deps.webhookTimeScale);
    disabled = change.disabled;
    return change.next && { next: change.next };
  });
  return { result, answeredAt, delivered, disabled: disabled as EndpointDisabled | null, endpointDisabled: health?.status === "disabled" };
}

/**
 * What a message's last attempt leaves to do, idempotent: record it in the attempt log (by an id
 * fixed by the message and the attempt's number, so a task run again after a crash between the
 * two writes records it then, and once), fan out the operational events it
 * caused (never to its own endpoint) and, while it is pending with a next attempt, schedule that
 * attempt as a task named after the message and the attempt's number.
 */
async function followUp(deps: DeliverDeps, message: WebhookMessage): Promise<void> {
  const last = message.attempts.at(-1);
  if (last) await deps.webhookAttempts.record(attemptRecordOf(message, last, message.attempts.length));
  for (const notice of message.notices) await fanOutEvent(deps, notice, { exceptEndpointId: message.endpointId });
  if (message.status !== "pending" || !message.nextAttemptAt) return;
  const attempt = scheduledAttempts(message) + 1;
  const delaySeconds = Math.max(0, Math.ceil((message.nextAttemptAt.getTime() - deps.clock.now().getTime()) / 1000));
  await deps.tasks.enqueue({ kind: "webhook.deliver.v1", messageId: message.id, attempt }, { name: `${message.id}-${attempt}`, delaySeconds });
}
