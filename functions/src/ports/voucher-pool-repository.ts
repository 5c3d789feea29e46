import type { VoucherPool } from "../domain/vouchers/voucher-pool.js";
import type { AggregateStore } from "./aggregate-store.js";
import type { PageOf, PageRequest } from "./page.js";

/**
 * Voucher pools. Their counters move only through the atomic operations here, each one guarded
 * single-document update, so racing allocations and imports never take the same number twice.
 */
export interface VoucherPoolRepository extends AggregateStore<VoucherPool> {
  listByOrg(orgId: string, page: PageRequest): Promise<PageOf<VoucherPool>>;
  /** Reserves `count` new numbers for codes being added; returns the first. */
  reserveNumbers(poolId: string, count: number): Promise<number>;
  /** Counts codes added, after they are stored; returns the pool as counted. */
  countAdded(poolId: string, count: number): Promise<VoucherPool>;
  /** Takes the next number for a reward: one given back first, else the next never taken; null when every number is taken. */
  takeNumber(poolId: string): Promise<number | null>;
  /** Gives back a number taken but not used (its attempt lost the race for its reward), to be taken again. */
  giveBackNumber(poolId: string, number: number): Promise<void>;
  /** Counts a code given to a reward; returns the pool as counted. */
  countAllocated(poolId: string): Promise<VoucherPool>;
  /** Counts a code passed over because it expired before its turn. */
  countExpired(poolId: string): Promise<void>;
  /** Records that every taken number up to `upTo` was looked at (never moves back). */
  markSwept(poolId: string, upTo: number): Promise<void>;
  /** Pools with taken numbers the reconciliation has not looked at yet, at most `limit`. */
  listUnswept(limit: number): Promise<VoucherPool[]>;
}
