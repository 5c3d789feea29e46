import { taskRoutes } from "../../adapters/tasks/cloud-task-queue.js";
import { deliverWebhookMessage } from "../../app/webhooks/deliver-webhook-message.js";
import { DeliverWebhookTask } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { instanceTaskTokens } from "./instance-task-tokens.js";
import { taskHandler } from "./task-handler.js";

export const handle = taskHandler(
  { functionName: taskRoutes["webhook.deliver.v1"].functionName, schema: DeliverWebhookTask, tokens: instanceTaskTokens },
  ({ messageId, attempt }) => deliverWebhookMessage(getDeps(), messageId, attempt),
);
