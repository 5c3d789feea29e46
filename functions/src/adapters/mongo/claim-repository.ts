import type { Db } from "mongodb";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import { findOneWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";

/** Claims, one per user and opportunity (a unique index). */
export function mongoClaimRepository(db: Db): ClaimRepository {
  const { claims } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(claims),
    findByUserAndOpportunity: (userId, opportunityId) => findOneWhere(claims, { userId, opportunityId }),
    listByUser: (userId, { status, opportunityId }, page) =>
      classified(() =>
        findPage(
          claims.collection,
          { userId, ...(status !== undefined && { status }), ...(opportunityId !== undefined && { opportunityId }) },
          page,
          claims.fromDocument,
        ),
      ),
    listByOpportunity: (opportunityId, { status }, page) =>
      classified(() => findPage(claims.collection, { opportunityId, ...(status !== undefined && { status }) }, page, claims.fromDocument)),
    countCompletedByOpportunity: (opportunityId) => classified(() => claims.collection.countDocuments({ opportunityId, status: "completed" })),
  };
}
