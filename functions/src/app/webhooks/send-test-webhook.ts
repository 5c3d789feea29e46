import type { z } from "zod";
import { examplePayloadOf } from "../../contracts/webhook-event-catalog.js";
import type { SendTestWebhookIn } from "../../contracts/webhooks.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import { testMessageFor } from "../../domain/webhooks/webhook-message.js";
import { insertIfAbsent } from "../shared/update-aggregate.js";
import { loadWebhookEndpointFor } from "./endpoints/load-webhook-endpoint.js";
import type { ReplayDeps } from "./replay-webhook-messages.js";

/**
 * "Send a test event": a message carrying the example payload of `eventType` (under a fresh event
 * id and the organization's id), delivered to the endpoint through the same path as every message
 * (signed, gated, retried on the schedule, logged), marked `test` on the message and in the
 * attempt log. Any event type of the catalog may be sent, whether or not the endpoint takes it.
 * A disabled endpoint is refused: its message would only be held.
 */
export async function sendTestWebhook(deps: ReplayDeps, principal: Principal, orgId: string, endpointId: string, body: z.infer<typeof SendTestWebhookIn>) {
  const endpoint = await loadWebhookEndpointFor(deps, principal, orgId, endpointId);
  if (endpoint.status === "disabled") throw new AppError("invalid_state", "the endpoint is disabled: enable it to send a test event");
  const now = deps.clock.now();
  const payload = examplePayloadOf(body.eventType, { id: deps.ids.next("evt"), orgId, occurredAt: now.toISOString() });
  const message = testMessageFor(payload, endpoint.id, now);
  await insertIfAbsent(deps.webhookMessages, message);
  await deps.tasks.enqueue({ kind: "webhook.deliver.v1", messageId: message.id, attempt: 1 }, { name: message.id });
  return { endpointId: endpoint.id, messageId: message.id, eventType: body.eventType };
}
