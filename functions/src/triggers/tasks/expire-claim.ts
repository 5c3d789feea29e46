import { taskRoutes } from "../../adapters/tasks/cloud-task-queue.js";
import { expireClaim } from "../../app/claims/expire-claim.js";
import { ExpireClaimTask } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { instanceTaskTokens } from "./instance-task-tokens.js";
import { taskHandler } from "./task-handler.js";

export const handle = taskHandler(
  { functionName: taskRoutes["claim.expire.v1"].functionName, schema: ExpireClaimTask, tokens: instanceTaskTokens },
  async ({ claimId, checkAt }) => `claim ${await expireClaim(getDeps(), { claimId, checkAt: new Date(checkAt) })}`,
);
