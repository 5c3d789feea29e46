import { issueReward } from "../../app/rewards/issue-reward.js";
import { getDeps } from "../../deps.js";
import { eventHandler } from "./event-handler.js";

export const handle = eventHandler("issueRewards", getDeps, async (deps, event) =>
  event.type === "claim.completed.v1" ? `reward ${await issueReward(deps, event)}` : undefined,
);
