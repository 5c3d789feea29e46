import { taskRoutes } from "../../adapters/tasks/cloud-task-queue.js";
import { autoApproveSubmission } from "../../app/submissions/auto-approve-submission.js";
import { AutoApproveSubmissionTask } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { instanceTaskTokens } from "./instance-task-tokens.js";
import { taskHandler } from "./task-handler.js";

export const handle = taskHandler(
  { functionName: taskRoutes["submission.auto_approve.v1"].functionName, schema: AutoApproveSubmissionTask, tokens: instanceTaskTokens },
  async (task) => `auto-approval ${await autoApproveSubmission(getDeps(), task)}`,
);
