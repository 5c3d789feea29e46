import { taskRoutes } from "../../adapters/tasks/cloud-task-queue.js";
import { completeExpiredOpportunity } from "../../app/opportunities/complete-expired-opportunity.js";
import { ExpireOpportunityTask } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { instanceTaskTokens } from "./instance-task-tokens.js";
import { taskHandler } from "./task-handler.js";

export const handle = taskHandler(
  { functionName: taskRoutes["opportunity.expire.v1"].functionName, schema: ExpireOpportunityTask, tokens: instanceTaskTokens },
  async (task) => `expiry ${await completeExpiredOpportunity(getDeps(), task)}`,
);
