import { taskRoutes } from "../../adapters/tasks/cloud-task-queue.js";
import { sendPayout } from "../../app/payouts/send-payout.js";
import { SendPayoutTask } from "../../contracts/tasks.js";
import { getPayoutSendingDeps } from "../../payout-sending-deps.js";
import { instanceTaskTokens } from "./instance-task-tokens.js";
import { taskHandler } from "./task-handler.js";

export const handle = taskHandler(
  { functionName: taskRoutes["payout.send.v1"].functionName, schema: SendPayoutTask, tokens: instanceTaskTokens },
  ({ payoutId }) => sendPayout(getPayoutSendingDeps(), payoutId),
);
