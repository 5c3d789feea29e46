import { relayOutbox } from "../../app/events/relay-outbox.js";
import { TaskPayload } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { taskHandler } from "./task-handler.js";

const RelayTask = TaskPayload.options[0];

export const handle = taskHandler(RelayTask, async ({ collection, id }) => `relayed ${await relayOutbox(getDeps(), { collection, id })}`);
