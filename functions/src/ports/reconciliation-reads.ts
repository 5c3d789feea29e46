import type { Claim } from "../domain/claims/claim.js";
import type { Submission } from "../domain/claims/submission.js";
import type { Reward } from "../domain/rewards/reward.js";

/** A span of time, [from, to). */
export interface TimeWindow {
  from: Date;
  to: Date;
}

/** One earn entry of the points ledger: the credit of a reward. */
export interface LedgerEntry {
  id: string;
  userId: string;
  points: number;
  rewardId: string;
  at: Date;
}

/** How an opportunity's places stand: the counter, and what it should equal. */
export interface PlacesCount {
  opportunityId: string;
  claimsCount: number;
  claims: number;
  reservations: number;
}

/**
 * The reads reconciliation checks the invariants with: scans by time across participants, which
 * no use case serving a request needs. Every scan is oldest first and bounded by `limit`.
 */
export interface ReconciliationReads {
  claimsCompletedIn(window: TimeWindow, limit: number): Promise<Claim[]>;
  rewardsOfClaims(claimIds: readonly string[]): Promise<Reward[]>;
  rewardsByIds(rewardIds: readonly string[]): Promise<Reward[]>;
  pointsRewardsIssuedIn(window: TimeWindow, limit: number): Promise<Reward[]>;
  ledgerEntriesOfRewards(rewardIds: readonly string[]): Promise<LedgerEntry[]>;
  ledgerEntriesIn(window: TimeWindow, limit: number): Promise<LedgerEntry[]>;
  /** Up to `limit` claims still active whose deadline is before `before`, earliest deadline first. */
  activeClaimsPastDeadline(before: Date, limit: number): Promise<Claim[]>;
  /** Up to `limit` submissions approved or rejected in the window, by a check, a reviewer or auto-approval; oldest decision first. */
  submissionsDecidedIn(window: TimeWindow, limit: number): Promise<Submission[]>;
  /** Places of up to `limit` active opportunities, as read now: counter, claims and reservations. */
  placesOfActiveOpportunities(limit: number): Promise<PlacesCount[]>;
}
