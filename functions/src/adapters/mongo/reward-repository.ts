import type { Db } from "mongodb";
import type { RewardRepository } from "../../ports/reward-repository.js";
import { findOneWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";

/** Rewards, at most one per claim (a unique index on claimId). */
export function mongoRewardRepository(db: Db): RewardRepository {
  const { rewards } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(rewards),
    findByClaim: (claimId) => findOneWhere(rewards, { claimId }),
    listByUser: (userId, page) => classified(() => findPage(rewards.collection, { userId }, page, rewards.fromDocument)),
    listFailedByPool: (poolId, limit) =>
      classified(async () => {
        const documents = await rewards.collection.find({ poolId, status: "failed", failureReason: "pool_exhausted" }).sort({ createdAt: 1, _id: 1 }).limit(limit).toArray();
        return Promise.all(documents.map(rewards.fromDocument));
      }),
    sumIssuedByOpportunity: (opportunityId) =>
      classified(async () => {
        const [total] = await rewards.collection
          .aggregate<{ spent: number }>([{ $match: { opportunityId, status: "issued" } }, { $group: { _id: null, spent: { $sum: "$value" } } }])
          .toArray();
        return total?.spent ?? 0;
      }),
    sumIssuedByOrganization: (orgId, from, to) =>
      classified(async () => {
        const totals = await rewards.collection
          .aggregate<{ _id: { type: string; currency: string | null }; spent: number }>([
            { $match: { orgId, status: "issued", issuedAt: { $gte: from, $lt: to } } },
            { $group: { _id: { type: "$type", currency: "$currency" }, spent: { $sum: "$value" } } },
          ])
          .toArray();
        return totals.map(({ _id, spent }) => ({ unit: _id.type === "points" ? "points" : (_id.currency ?? _id.type), spent }));
      }),
  };
}
