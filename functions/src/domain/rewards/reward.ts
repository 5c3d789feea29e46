import { z } from "zod";
import { RewardOut, type RewardFailureReason } from "../../contracts/rewards.js";
import type { Reward as RewardTerms } from "../../contracts/opportunities.js";
import { firstVersion, Version } from "../aggregate.js";
import { AppError } from "../app-error.js";
import { claimReference } from "../claims/claim.js";

/** What a completed claim earned: created pending, then issued once, or failed until it can be. */
export const Reward = RewardOut.extend({
  // Stored before failures existed: such a reward never failed.
  failureReason: RewardOut.shape.failureReason.default(null),
  poolId: RewardOut.shape.poolId.default(null),
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
    failureReason: null,
    poolId: terms.type === "voucher" ? terms.poolId : null,
    issuedAt: null,
    createdAt: now,
    version: firstVersion,
  };
}

/** The reward once it has been paid out: a pending one, or a failed one retried once it can be. */
export function issued(reward: Reward, now: Date): Reward {
  if (reward.status === "issued") throw new AppError("invalid_state", "this reward is issued", { status: reward.status });
  return { ...reward, status: "issued", failureReason: null, issuedAt: now };
}

/** The reward when it could not be issued, and why; only a pending reward fails (a failed one stays as it failed). */
export function failed(reward: Reward, reason: RewardFailureReason): Reward {
  if (reward.status !== "pending") throw new AppError("invalid_state", `this reward is ${reward.status}`, { status: reward.status });
  return { ...reward, status: "failed", failureReason: reason };
}
