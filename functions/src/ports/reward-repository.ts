import type { Reward } from "../domain/rewards/reward.js";
import type { AggregateStore } from "./aggregate-store.js";
import type { PageOf, PageRequest } from "./page.js";

/** Rewards; `insert` answers `conflict` when the claim has a reward already. */
export interface RewardRepository extends AggregateStore<Reward> {
  findByClaim(claimId: string): Promise<Reward | null>;
  listByUser(userId: string, page: PageRequest): Promise<PageOf<Reward>>;
  /** Voucher rewards of the pool that failed for want of codes, oldest first, at most `limit`. */
  listFailedByPool(poolId: string, limit: number): Promise<Reward[]>;
  /** What the issued rewards of an opportunity are worth together, in their unit: its budget's spend. */
  sumIssuedByOpportunity(opportunityId: string): Promise<number>;
  /** What the organization's rewards issued in [from, to) are worth, per unit (`points` or a currency): its monthly budgets' spend. */
  sumIssuedByOrganization(orgId: string, from: Date, to: Date): Promise<{ unit: string; spent: number }[]>;
}
