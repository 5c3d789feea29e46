import { deliverWebhookMessage } from "../../app/webhooks/deliver-webhook-message.js";
import { DeliverWebhookTask } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { taskHandler } from "./task-handler.js";

export const handle = taskHandler(DeliverWebhookTask, ({ messageId }) => deliverWebhookMessage(getDeps(), messageId));
