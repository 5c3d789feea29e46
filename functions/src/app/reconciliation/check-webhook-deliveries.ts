import { redriveStalledMessages, type RedriveDeps } from "../webhooks/redrive-stalled-messages.js";
import type { Break } from "./report-break.js";

/**
 * No webhook message is stranded: a pending message nothing has happened to for
 * `stalledAfterSeconds` (longer than the queue's longest backoff and the breaker's longest
 * cool-down, so a message merely waiting is left alone) gets a delivery task again.
 */
export async function checkWebhookDeliveries(deps: RedriveDeps, stalledAfterSeconds: number, limit: number): Promise<{ checked: number; breaks: Break[] }> {
  const olderThan = new Date(deps.clock.now().getTime() - stalledAfterSeconds * 1000);
  const redriven = await redriveStalledMessages(deps, { olderThan, limit });
  const breaks = redriven.map((message) => ({
    invariant: "webhook_delivering" as const,
    subject: message.id,
    detail: `pending with nothing happening since ${(message.lastActivityAt ?? message.createdAt).toISOString()}; given a delivery task again`,
    repaired: true,
    fields: { endpointId: message.endpointId, eventId: message.eventId, attempts: message.attempts.length },
  }));
  return { checked: redriven.length, breaks };
}
