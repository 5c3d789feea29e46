import { z } from "zod";
import { taskRoutes } from "../../adapters/tasks/cloud-task-queue.js";
import { deliverWebhookMessage } from "../../app/webhooks/deliver-webhook-message.js";
import { recoverFailedMessages } from "../../app/webhooks/replay-webhook-messages.js";
import { DeliverWebhookTask, RecoverWebhookMessagesTask } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { instanceTaskTokens } from "./instance-task-tokens.js";
import { taskHandler } from "./task-handler.js";

// Delivery attempts (scheduled or manual) and recoveries share the webhook-delivery queue and this function.
export const handle = taskHandler(
  { functionName: taskRoutes["webhook.deliver.v1"].functionName, schema: z.discriminatedUnion("kind", [DeliverWebhookTask, RecoverWebhookMessagesTask]), tokens: instanceTaskTokens },
  async (task) =>
    task.kind === "webhook.recover.v1"
      ? `recovery_queued:${await recoverFailedMessages(getDeps(), task)}`
      : deliverWebhookMessage(getDeps(), task.messageId, task.attempt, task.manual),
);
