import { fanOutEvent } from "../../app/webhooks/fan-out-event.js";
import { getDeps } from "../../deps.js";
import { eventHandler } from "./event-handler.js";

export const handle = eventHandler("fanOutWebhooks", getDeps, async (deps, event) => `webhook messages for ${await fanOutEvent(deps, event)} endpoints`);
