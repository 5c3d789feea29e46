import type { IssueRewardDeps } from "../rewards/issue-reward.js";
import { issueRewardForClaim } from "../rewards/issue-reward.js";

/** How many failed rewards one delivery of `voucher_pool.restocked.v1` issues again; the next addition or reconciliation takes the rest. */
const retriedAtMost = 1_000;

/**
 * Issues again the voucher rewards that failed for want of codes once codes are added, oldest
 * first, one at a time (each takes the next number; doing them at once would only race). A reward
 * the new codes do not cover stays failed, without a second `reward.failed.v1`.
 */
export async function retryPoolRewards(deps: IssueRewardDeps, poolId: string): Promise<string> {
  const waiting = await deps.rewards.listFailedByPool(poolId, retriedAtMost);
  let issued = 0;
  for (const reward of waiting) {
    if ((await issueRewardForClaim(deps, reward.claimId)) === "issued") issued += 1;
  }
  return `${issued} of ${waiting.length} waiting rewards issued`;
}
