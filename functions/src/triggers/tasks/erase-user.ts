import { taskRoutes } from "../../adapters/tasks/cloud-task-queue.js";
import { eraseUser } from "../../app/identity/erasure.js";
import { EraseUserTask } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { instanceTaskTokens } from "./instance-task-tokens.js";
import { taskHandler } from "./task-handler.js";

export const handle = taskHandler(
  { functionName: taskRoutes["user.erase.v1"].functionName, schema: EraseUserTask, tokens: instanceTaskTokens },
  async ({ userId }) => `user ${await eraseUser(getDeps(), userId)}`,
);
