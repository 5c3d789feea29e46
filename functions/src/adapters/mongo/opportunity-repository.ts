import type { Db, Filter } from "mongodb";
import type { OpportunityFilter, OpportunityRepository } from "../../ports/repositories.js";
import type { WithOutbox } from "./documents/outbox.js";
import {
  opportunitiesCollection,
  opportunityChangesToDocument,
  opportunityFromDocument,
  opportunityToDocument,
  type OpportunityDocument,
} from "./documents/opportunity-document.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";

/** Opportunities, their status transitions and their places, in `opportunities`. */
export function mongoOpportunityRepository(db: Db): OpportunityRepository {
  const opportunities = opportunitiesCollection(db);
  return {
    insert: (opportunity) =>
      classified(async () => {
        await opportunities.insertOne({ ...opportunityToDocument(opportunity), outbox: [] });
      }),

    findById: (id) =>
      classified(async () => {
        const document = await opportunities.findOne({ _id: id });
        return document && opportunityFromDocument(document);
      }),

    list: (filter, page) => classified(() => findPage(opportunities, listFilter(filter), page, opportunityFromDocument)),

    transition: (id, from, changes, events) =>
      classified(async () => {
        const updated = await opportunities.findOneAndUpdate(
          { _id: id, status: from },
          { $set: opportunityChangesToDocument(changes), $push: { outbox: { $each: [...events] } } },
          // A field left undefined in `changes` is not a change; without this it would be stored as null.
          { returnDocument: "after", ignoreUndefined: true },
        );
        return updated && opportunityFromDocument(updated);
      }),

    // The capacity is a literal in the filter, not a comparison with the stored field: the local
    // server has no $expr. The guard and the increment are one atomic update, so a burst of claims
    // never takes more places than `capacity`.
    reservePlace: (id, capacity) =>
      classified(async () => {
        const result = await opportunities.updateOne(
          { _id: id, status: "active", claimsCount: { $lt: capacity } },
          { $inc: { claimsCount: 1 } },
        );
        return result.modifiedCount === 1;
      }),

    releasePlace: (id) =>
      classified(async () => {
        await opportunities.updateOne({ _id: id, claimsCount: { $gt: 0 } }, { $inc: { claimsCount: -1 } });
      }),
  };
}

function listFilter(filter: OpportunityFilter): Filter<OpportunityDocument & WithOutbox> {
  return {
    ...(filter.orgId !== undefined && { orgId: filter.orgId }),
    ...(filter.status !== undefined && { status: filter.status }),
    ...(filter.rewardType !== undefined && { "reward.type": filter.rewardType }),
  };
}
