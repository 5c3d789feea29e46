import { getDeps } from "../../deps.js";
import { eventHandler } from "./event-handler.js";

export const handle = eventHandler("notifyByEmail", getDeps);
