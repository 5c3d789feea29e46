import { fanOutEvent } from "../../app/webhooks/fan-out-event.js";
import { getDeps } from "../../deps.js";
import { eventHandler } from "./event-handler.js";

export const handle = eventHandler(async (event) => `webhook messages for ${await fanOutEvent(getDeps(), event)} endpoints`);
