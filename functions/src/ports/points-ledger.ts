import type { DomainEvent } from "../contracts/events.js";
import type { PointsAppend, PointsEntry } from "../domain/points/points-entry.js";
import type { PageOf, PageRequest } from "./page.js";

/**
 * Each participant's points, as an append-only list of entries numbered per participant, each
 * with the running balance written in the same single-document insert (domain/points/points-entry.ts).
 */
export interface PointsLedger {
  /**
   * Appends the entry after the participant's last one. Of racing appends, each gets its own
   * number (a loser of the race reads again and retries); a debit below zero is refused with
   * `insufficient_points`; an append whose `key` the participant's ledger already holds changes
   * nothing and answers the entry first appended. `events`, given the entry, ride in its outbox.
   * With `afterSeq`, the append is refused with `conflict` unless the ledger's last entry is that one.
   */
  append(entry: PointsAppend, options?: { events?: (entry: PointsEntry) => DomainEvent[]; afterSeq?: number }): Promise<PointsEntry>;
  /** Credits a reward's points once: the entry is keyed (and named) by the reward. */
  credit(entry: { userId: string; points: number; rewardId: string; orgId: string; at: Date; expiresAt: Date | null }): Promise<PointsEntry>;
  /** Spends points once per key (a redemption's), never below zero (`insufficient_points`). */
  debit(userId: string, points: number, debit: { kind: "redeem"; key: string; reference: string; orgId: string; at: Date }): Promise<PointsEntry>;
  /** The participant's balance: their last entry's running balance, 0 before any. */
  balance(userId: string): Promise<number>;
  /** Every entry of the participant, in order. */
  entries(userId: string): Promise<PointsEntry[]>;
  /** The participant's entries in the order they were appended (`desc`: newest first), for their history. */
  listEntries(userId: string, page: PageRequest): Promise<PageOf<PointsEntry>>;
  /** Participants with earn entries past their expiry not yet settled (expired or spent), at most `limit`. */
  usersWithDueExpiries(now: Date, limit: number): Promise<string[]>;
  /** Marks earn entries as settled: nothing of them is left to expire, so expiry runs stop looking at them. */
  markSettled(entryIds: readonly string[]): Promise<void>;
  /** Whether the participant ever earned points from the organization. */
  hasEarnedFrom(userId: string, orgId: string): Promise<boolean>;
  /** Participants with entries written in the window, at most `limit`: whose ledgers a reconciliation checks. */
  usersWithEntriesIn(window: { from: Date; to: Date }, limit: number): Promise<string[]>;
}
