import type { Opportunity } from "../domain/opportunities/opportunity.js";
import type { AggregateStore } from "./aggregate-store.js";
import type { PageOf, PageRequest } from "./page.js";

export interface OpportunityFilter {
  orgId?: string;
  status?: Opportunity["status"];
  rewardType?: Opportunity["reward"]["type"];
}

/**
 * Opportunities. `claimsCount` is the one field `save` never writes: places move only through
 * `reservePlace` and `releasePlace`, single guarded increments, because a burst of claimers each
 * saving a whole opportunity would conflict with one another and retry without end.
 */
export interface OpportunityRepository extends AggregateStore<Opportunity> {
  list(filter: OpportunityFilter, page: PageRequest): Promise<PageOf<Opportunity>>;
  /** Takes one place while fewer than `capacity` are taken and it is active, atomically; false when none was taken. */
  reservePlace(id: string, capacity: number): Promise<boolean>;
  releasePlace(id: string): Promise<void>;
}
