import type { Db } from "mongodb";
import type { RedemptionOfferRepository, RedemptionRepository } from "../../ports/redemption-repository.js";
import { findOneWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";

/** Redemption offers in `redemption_offers`. */
export function mongoRedemptionOfferRepository(db: Db): RedemptionOfferRepository {
  const { redemptionOffers } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(redemptionOffers),
    listByOrg: (orgId, page) => classified(() => findPage(redemptionOffers.collection, { orgId }, page, redemptionOffers.fromDocument)),
    listActive: (page) => classified(() => findPage(redemptionOffers.collection, { active: true }, page, redemptionOffers.fromDocument)),
  };
}

/** Redemptions in `redemptions`, one per key (a unique index). */
export function mongoRedemptionRepository(db: Db): RedemptionRepository {
  const { redemptions } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(redemptions),
    findByKey: (key) => findOneWhere(redemptions, { key }),
    listByUser: (userId, page) => classified(() => findPage(redemptions.collection, { userId }, page, redemptions.fromDocument)),
    listPendingBefore: (before, limit) =>
      classified(async () => {
        const documents = await redemptions.collection.find({ status: "pending", createdAt: { $lt: before } }).limit(limit).toArray();
        return Promise.all(documents.map(redemptions.fromDocument));
      }),
  };
}
