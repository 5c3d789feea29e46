import type { Db } from "mongodb";
import type { PayoutRepository } from "../../ports/payout-repository.js";
import { findOneWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";

/** Payouts, at most one per reward (a unique index on rewardId). */
export function mongoPayoutRepository(db: Db): PayoutRepository {
  const { payouts } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(payouts),
    findByReward: (rewardId) => findOneWhere(payouts, { rewardId }),
    listByUser: (userId, page) => classified(() => findPage(payouts.collection, { userId }, page, payouts.fromDocument)),
    listByOrganization: (orgId, filter, page) =>
      classified(() => findPage(payouts.collection, { orgId, ...(filter.status ? { status: filter.status } : {}) }, page, payouts.fromDocument)),
    listStalled: (before, limit) =>
      classified(async () => {
        const documents = await payouts.collection.find({ status: { $in: ["pending", "processing"] }, updatedAt: { $lt: before } }).limit(limit).toArray();
        return Promise.all(documents.map(payouts.fromDocument));
      }),
    listWaitingForDetails: (userId) =>
      classified(async () => {
        const documents = await payouts.collection.find({ userId, status: "pending", recipient: null }).limit(100).toArray();
        return Promise.all(documents.map(payouts.fromDocument));
      }),
  };
}
