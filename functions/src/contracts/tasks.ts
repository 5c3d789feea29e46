import { z } from "zod";
import { WebhookMessageId } from "./common.js";

// Payloads of Cloud Tasks, tagged by kind and versioned like events.

/** Relay the events waiting in one aggregate's outbox. */
export const RelayOutboxTask = z.object({
  kind: z.literal("outbox.relay.v1"),
  aggregate: z.enum(["opportunity", "claim", "reward"]),
  id: z.string().min(1),
});

/** Make one delivery attempt of a webhook message. */
export const DeliverWebhookTask = z.object({ kind: z.literal("webhook.deliver.v1"), messageId: WebhookMessageId });

export const TaskPayload = z.discriminatedUnion("kind", [RelayOutboxTask, DeliverWebhookTask]);
export type TaskPayload = z.infer<typeof TaskPayload>;
