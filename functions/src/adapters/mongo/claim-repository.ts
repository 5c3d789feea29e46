import type { Db } from "mongodb";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import { findOneWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";

/** Claims, unique by opportunity, participant and sequence (an index that also serves the lookups of a participant's claims). */
export function mongoClaimRepository(db: Db): ClaimRepository {
  const { claims } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(claims),
    findLatestOf: (userId, opportunityId) =>
      classified(async () => {
        const [latest] = await claims.collection.find({ opportunityId, userId }).sort({ sequence: -1 }).limit(1).toArray();
        return latest ? claims.fromDocument(latest) : null;
      }),
    findCreatedBy: (userId, opportunityId, requestKey) => findOneWhere(claims, { opportunityId, userId, requestKey }),
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
