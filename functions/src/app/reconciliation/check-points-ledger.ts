import type { PointsLedger } from "../../ports/points-ledger.js";
import type { ReconciliationReads, TimeWindow } from "../../ports/reconciliation-reads.js";
import { issueRewardForClaim, type IssueRewardDeps } from "../rewards/issue-reward.js";
import type { Break } from "./report-break.js";

export type PointsLedgerDeps = IssueRewardDeps & { reconciliationReads: ReconciliationReads; ledger: PointsLedger };

/**
 * Each participant's balance equals their ledger, and their ledger equals their issued points: a
 * balance is the sum of ledger entries, so what can break is the pairing of entries and rewards.
 * An issued points reward without its entry is credited now (the entry id is the reward id, so a
 * credit is never doubled); an entry whose reward is still pending (a crash between the credit
 * and the save) gets its reward issued; an entry of an unknown reward or of another amount is
 * reported, never changed: points a participant may have seen are not taken back by a job.
 */
export async function checkPointsLedger(deps: PointsLedgerDeps, window: TimeWindow, limit: number): Promise<{ checked: number; breaks: Break[] }> {
  const breaks: Break[] = [];
  const issued = await deps.reconciliationReads.pointsRewardsIssuedIn(window, limit);
  const credited = new Set((await deps.reconciliationReads.ledgerEntriesOfRewards(issued.map((reward) => reward.id))).map((entry) => entry.rewardId));
  for (const reward of issued.filter((candidate) => !credited.has(candidate.id))) {
    const repaired = await deps.ledger
      .credit({ id: reward.id, userId: reward.userId, points: reward.value, rewardId: reward.id, at: reward.issuedAt ?? deps.clock.now() })
      .then(() => true, () => false);
    breaks.push({ invariant: "points_ledgered", subject: reward.id, detail: "an issued points reward had no ledger entry", repaired, fields: { userId: reward.userId, points: reward.value } });
  }

  const entries = await deps.reconciliationReads.ledgerEntriesIn(window, limit);
  const rewards = new Map((await deps.reconciliationReads.rewardsByIds(entries.map((entry) => entry.rewardId))).map((reward) => [reward.id, reward]));
  for (const entry of entries) {
    const reward = rewards.get(entry.rewardId);
    if (reward?.status === "issued" && reward.userId === entry.userId && reward.value === entry.points) continue;
    if (reward?.status === "pending" && reward.userId === entry.userId && reward.value === entry.points) {
      const repaired = await issueRewardForClaim(deps, reward.claimId).then((outcome) => outcome === "issued" || outcome === "already_issued", () => false);
      breaks.push({ invariant: "points_ledgered", subject: reward.id, detail: "points were credited for a reward still pending", repaired, fields: { userId: entry.userId, points: entry.points } });
      continue;
    }
    const detail = reward ? `the entry (${entry.points} points to ${entry.userId}) does not match its ${reward.status} reward` : "the entry names no reward";
    breaks.push({ invariant: "points_ledgered", subject: entry.id, detail, repaired: false, fields: { userId: entry.userId, points: entry.points, rewardId: entry.rewardId } });
  }
  return { checked: issued.length + entries.length, breaks };
}
