import { deliverWebhookMessage } from "../../app/webhooks/deliver-webhook-message.js";
import { TaskPayload } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { taskHandler } from "./task-handler.js";

const DeliverTask = TaskPayload.options[1];

export const handle = taskHandler(DeliverTask, ({ messageId }) => deliverWebhookMessage(getDeps(), messageId));
