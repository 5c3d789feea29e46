import type { ReconciliationReads, TimeWindow } from "../../ports/reconciliation-reads.js";
import { issueRewardForClaim, type IssueRewardDeps } from "../rewards/issue-reward.js";
import type { Break } from "./report-break.js";

export type ClaimRewardsDeps = IssueRewardDeps & { reconciliationReads: ReconciliationReads };

/**
 * Every completed claim has exactly one reward, and a points reward is issued. The reward is
 * unique per claim (an index), so "more than one" cannot be stored; a missing or still pending
 * reward is issued now, through the use case the subscriber runs, which is safe to repeat.
 * Vouchers and cash wait for their providers and are not breaks.
 */
export async function checkClaimRewards(deps: ClaimRewardsDeps, window: TimeWindow, limit: number): Promise<{ checked: number; breaks: Break[] }> {
  const claims = await deps.reconciliationReads.claimsCompletedIn(window, limit);
  const rewards = new Map((await deps.reconciliationReads.rewardsOfClaims(claims.map((claim) => claim.id))).map((reward) => [reward.claimId, reward]));
  const breaks: Break[] = [];
  for (const claim of claims) {
    const reward = rewards.get(claim.id);
    if (reward && (reward.status === "issued" || reward.type !== "points")) continue;
    const detail = reward ? `its ${reward.type} reward ${reward.id} is still ${reward.status}` : "the completed claim has no reward";
    const repaired = await issueRewardForClaim(deps, claim.id).then(
      (outcome) => outcome === "issued" || outcome === "already_issued",
      () => false,
    );
    breaks.push({ invariant: "claim_rewarded", subject: claim.id, detail, repaired, fields: { userId: claim.userId, opportunityId: claim.opportunityId } });
  }
  return { checked: claims.length, breaks };
}
