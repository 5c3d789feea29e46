import { firstInconsistency } from "../../domain/points/points-entry.js";
import type { PointsLedger } from "../../ports/points-ledger.js";
import type { ReconciliationReads, TimeWindow } from "../../ports/reconciliation-reads.js";
import { creditReward, issueRewardForClaim, type IssueRewardDeps } from "../rewards/issue-reward.js";
import type { Break } from "./report-break.js";

export type PointsLedgerDeps = IssueRewardDeps & { reconciliationReads: ReconciliationReads; ledger: PointsLedger };

/**
 * Each participant's balance equals their ledger, and their ledger equals their issued points.
 * The balance is the last entry's running balance, so a participant whose entries were written in
 * the window has their whole ledger summed: each entry's balanceAfter must be the sum of the
 * entries up to it, numbered without a gap, never below zero, and the balance the last one. A
 * break of that is reported, never rewritten: an append-only ledger is corrected by an adjustment.
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
    const repaired = await creditReward(deps, reward, reward.issuedAt ?? deps.clock.now()).then(() => true, () => false);
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

  const participants = await deps.ledger.usersWithEntriesIn(window, limit);
  for (const userId of participants) {
    const ledger = await deps.ledger.entries(userId);
    const sum = ledger.reduce((total, entry) => total + entry.points, 0);
    const balance = await deps.ledger.balance(userId);
    const broken = firstInconsistency(ledger);
    if (!broken && balance === sum) continue;
    const detail = broken
      ? `entry ${broken.entry.seq} holds a balance of ${broken.entry.balanceAfter} where the entries up to it sum to ${broken.expectedBalance}`
      : `the balance is ${balance} where the entries sum to ${sum}`;
    breaks.push({ invariant: "points_ledgered", subject: userId, detail, repaired: false, fields: { userId, balance, sum, ...(broken && { entryId: broken.entry.id }) } });
  }
  return { checked: issued.length + entries.length + participants.length, breaks };
}
