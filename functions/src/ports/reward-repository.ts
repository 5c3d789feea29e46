import type { Reward } from "../domain/rewards/reward.js";
import type { AggregateStore } from "./aggregate-store.js";
import type { PageOf, PageRequest } from "./page.js";

/** Rewards; `insert` answers `conflict` when the claim has a reward already. */
export interface RewardRepository extends AggregateStore<Reward> {
  findByClaim(claimId: string): Promise<Reward | null>;
  listByUser(userId: string, page: PageRequest): Promise<PageOf<Reward>>;
  /** What the issued rewards of an opportunity are worth together, in their unit: its budget's spend. */
  sumIssuedByOpportunity(opportunityId: string): Promise<number>;
}
