import type { Db, Filter } from "mongodb";
import type { OpportunityFilter, OpportunityRepository } from "../../ports/opportunity-repository.js";
import { mongoAggregateStore, type AggregateDocument } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";

/** Opportunities, and the places their claims take. */
export function mongoOpportunityRepository(db: Db): OpportunityRepository {
  const { opportunities } = aggregateCollections(db);
  const { collection } = opportunities;
  return {
    ...mongoAggregateStore(opportunities, { atomicFields: ["claimsCount"] }),

    list: (filter, page) => classified(() => findPage(collection, listFilter(filter), page, opportunities.fromDocument)),

    // The capacity is a literal in the filter, not a comparison with the stored field: the local
    // server has no $expr. The guard and the increment are one atomic update, so a burst of claims
    // never takes more places than `capacity`.
    reservePlace: (id, capacity) =>
      classified(async () => {
        const result = await collection.updateOne({ _id: id, status: "active", claimsCount: { $lt: capacity } }, { $inc: { claimsCount: 1 } });
        return result.modifiedCount === 1;
      }),

    releasePlace: (id) =>
      classified(async () => {
        await collection.updateOne({ _id: id, claimsCount: { $gt: 0 } }, { $inc: { claimsCount: -1 } });
      }),
  };
}

function listFilter(filter: OpportunityFilter): Filter<AggregateDocument> {
  return {
    ...(filter.orgId !== undefined && { orgId: filter.orgId }),
    ...(filter.status !== undefined && { status: filter.status }),
    ...(filter.rewardType !== undefined && { "reward.type": filter.rewardType }),
  };
}
