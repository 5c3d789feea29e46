import { relayOutbox } from "../../app/events/relay-outbox.js";
import { RelayOutboxTask } from "../../contracts/tasks.js";
import { getDeps } from "../../deps.js";
import { taskHandler } from "./task-handler.js";

export const handle = taskHandler(RelayOutboxTask, async ({ aggregate, id }) => `relayed ${await relayOutbox(getDeps(), { aggregate, id })}`);
