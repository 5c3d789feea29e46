import { z } from "zod";
import { WebhookMessageId } from "./common.js";

/** Payloads of Cloud Tasks, tagged by kind and versioned like events. */
export const TaskPayload = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("outbox.relay.v1"),
    collection: z.enum(["opportunities", "claims", "rewards"]),
    id: z.string().min(1),
  }),
  z.object({ kind: z.literal("webhook.deliver.v1"), messageId: WebhookMessageId }),
]);
export type TaskPayload = z.infer<typeof TaskPayload>;
