import { z } from "zod";
import { RewardOut } from "../../contracts/rewards.js";
import type { Reward as RewardTerms } from "../../contracts/opportunities.js";
import { firstVersion, Version } from "../aggregate.js";
import { AppError } from "../app-error.js";
import { claimReference } from "../claims/claim.js";

/** What a completed claim earned: created pending, then issued once. */
export const Reward = RewardOut.extend({
  issuedAt: z.date().nullable(),
  createdAt: z.date(),
  version: Version,
});
export type Reward = z.infer<typeof Reward>;

/** The reward a completed claim earns, before it is issued. */
export function rewardFor(terms: RewardTerms, claim: Parameters<typeof claimReference>[0], id: string, now: Date): Reward {
  return {
    id,
    ...claimReference(claim),
    type: terms.type,
    value: terms.value,
    currency: terms.type === "points" ? null : terms.currency,
    status: "pending",
    issuedAt: null,
    createdAt: now,
    version: firstVersion,
  };
}

/** The reward once it has been paid out; only a pending reward is issued. */
export function issued(reward: Reward, now: Date): Reward {
  if (reward.status !== "pending") throw new AppError("invalid_state", `this reward is ${reward.status}`, { status: reward.status });
  return { ...reward, status: "issued", issuedAt: now };
}
