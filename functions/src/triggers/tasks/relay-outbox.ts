import { taskRoutes } from "../../adapters/tasks/cloud-task-queue.js";
import { relayOutbox } from "../../app/events/relay-outbox.js";
import { RelayOutboxTask } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { instanceTaskTokens } from "./instance-task-tokens.js";
import { taskHandler } from "./task-handler.js";

export const handle = taskHandler(
  { functionName: taskRoutes["outbox.relay.v1"].functionName, schema: RelayOutboxTask, tokens: instanceTaskTokens },
  async ({ aggregate, id }) => `relayed ${await relayOutbox(getDeps(), { aggregate, id })}`,
);
