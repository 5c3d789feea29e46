import type { Payout } from "../domain/payouts/payout.js";
import type { AggregateStore } from "./aggregate-store.js";
import type { PageOf, PageRequest } from "./page.js";

/** Payouts; `insert` answers `conflict` when the reward has a payout already (one per reward). */
export interface PayoutRepository extends AggregateStore<Payout> {
  findByReward(rewardId: string): Promise<Payout | null>;
  listByUser(userId: string, page: PageRequest): Promise<PageOf<Payout>>;
  listByOrganization(orgId: string, filter: { status?: Payout["status"] }, page: PageRequest): Promise<PageOf<Payout>>;
  /** The user's payouts still pending with no recipient: those that wait for their payout details. */
  listWaitingForDetails(userId: string): Promise<Payout[]>;
  /** Payouts still pending or processing that have not changed since `before`, at most `limit`: for the reconciliation. */
  listStalled(before: Date, limit: number): Promise<Payout[]>;
}
