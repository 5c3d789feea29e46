import { z } from "zod";
import { taskRoutes } from "../../adapters/tasks/cloud-task-queue.js";
import { deliverWebhookMessage } from "../../app/webhooks/deliver-webhook-message.js";
import { recoverFailedMessages } from "../../app/webhooks/replay-webhook-messages.js";
import { replayMissingEvents } from "../../app/webhooks/replay-missing-messages.js";
import { DeliverWebhookTask, RecoverWebhookMessagesTask, ReplayMissingWebhookMessagesTask } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { instanceTaskTokens } from "./instance-task-tokens.js";
import { taskHandler } from "./task-handler.js";

// Delivery attempts (scheduled or manual), recoveries and replays share the webhook-delivery queue and this function.
export const handle = taskHandler(
  { functionName: taskRoutes["webhook.deliver.v1"].functionName, schema: z.discriminatedUnion("kind", [DeliverWebhookTask, RecoverWebhookMessagesTask, ReplayMissingWebhookMessagesTask]), tokens: instanceTaskTokens },
  async (task) => {
    if (task.kind === "webhook.recover.v1") return `recovery_queued:${await recoverFailedMessages(getDeps(), task)}`;
    if (task.kind === "webhook.replay.v1") return `replay_made:${await replayMissingEvents(getDeps(), task)}`;
    return deliverWebhookMessage(getDeps(), task.messageId, task.attempt, task.manual);
  },
);
