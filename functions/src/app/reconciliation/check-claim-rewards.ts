import type { ReconciliationReads, TimeWindow } from "../../ports/reconciliation-reads.js";
import { issueRewardForClaim, type IssueRewardDeps } from "../rewards/issue-reward.js";
import type { Break } from "./report-break.js";

export type ClaimRewardsDeps = IssueRewardDeps & { reconciliationReads: ReconciliationReads };

/**
 * Every completed claim has exactly one reward, and a points or voucher reward is issued. The
 * reward is unique per claim (an index), so "more than one" cannot be stored; a missing or still
 * pending reward is issued now, through the use case the subscriber runs, which is safe to repeat.
 * A voucher reward that failed for want of codes waits for codes (retry-pool-rewards.ts), and cash
 * waits for its provider: neither is a break.
 */
export async function checkClaimRewards(deps: ClaimRewardsDeps, window: TimeWindow, limit: number): Promise<{ checked: number; breaks: Break[] }> {
  const claims = await deps.reconciliationReads.claimsCompletedIn(window, limit);
  const rewards = new Map((await deps.reconciliationReads.rewardsOfClaims(claims.map((claim) => claim.id))).map((reward) => [reward.claimId, reward]));
  const breaks: Break[] = [];
  for (const claim of claims) {
    const reward = rewards.get(claim.id);
    if (reward && (reward.status !== "pending" || reward.type === "cash")) continue;
    const detail = reward ? `its ${reward.type} reward ${reward.id} is still ${reward.status}` : "the completed claim has no reward";
    const repaired = await issueRewardForClaim(deps, claim.id).then(
      (outcome) => outcome === "issued" || outcome === "already_issued",
      () => false,
    );
    breaks.push({ invariant: "claim_rewarded", subject: claim.id, detail, repaired, fields: { userId: claim.userId, opportunityId: claim.opportunityId } });
  }
  return { checked: claims.length, breaks };
}
