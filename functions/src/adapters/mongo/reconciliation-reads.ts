import type { Db } from "mongodb";
import type { ReconciliationReads } from "../../ports/reconciliation-reads.js";
import { placeReturningStatuses } from "../../domain/claims/claim.js";
import { aggregateCollections } from "./collections.js";
import { pointsLedgerCollection } from "./documents/points-entry-document.js";
import { classified } from "./errors.js";

/** Reconciliation's scans, served by the (status, time) indexes of indexes.ts. */
export function mongoReconciliationReads(db: Db): ReconciliationReads {
  const { claims, rewards, opportunities, submissions } = aggregateCollections(db);
  const ledger = pointsLedgerCollection(db);
  const parsedRewards = async (filter: object, limit = 0) => {
    const documents = await rewards.collection.find(filter).sort({ issuedAt: 1, _id: 1 }).limit(limit).toArray();
    return Promise.all(documents.map(rewards.fromDocument));
  };
  const entries = async (filter: object, limit = 0) => {
    // Earn entries only: the others pair with no reward. Numbered entries without a kind do not exist
    // once the migration ran (adapters/mongo/number-points-entries.ts).
    const documents = await ledger.find({ $and: [filter, { kind: "earn" }] }).sort({ at: 1, _id: 1 }).limit(limit).toArray();
    return documents.map(({ _id, userId, points, rewardId, at }) => ({ id: _id, userId, points, rewardId: rewardId ?? _id, at }));
  };
  return {
    claimsCompletedIn: ({ from, to }, limit) =>
      classified(async () => {
        const documents = await claims.collection.find({ status: "completed", completedAt: { $gte: from, $lt: to } }).sort({ completedAt: 1, _id: 1 }).limit(limit).toArray();
        return Promise.all(documents.map(claims.fromDocument));
      }),
    rewardsOfClaims: (claimIds) => classified(() => (claimIds.length === 0 ? Promise.resolve([]) : parsedRewards({ claimId: { $in: [...claimIds] } }))),
    rewardsByIds: (rewardIds) => classified(() => (rewardIds.length === 0 ? Promise.resolve([]) : parsedRewards({ _id: { $in: [...rewardIds] } }))),
    pointsRewardsIssuedIn: ({ from, to }, limit) => classified(() => parsedRewards({ status: "issued", type: "points", issuedAt: { $gte: from, $lt: to } }, limit)),
    ledgerEntriesOfRewards: (rewardIds) => classified(() => (rewardIds.length === 0 ? Promise.resolve([]) : entries({ rewardId: { $in: [...rewardIds] } }))),
    ledgerEntriesIn: ({ from, to }, limit) => classified(() => entries({ at: { $gte: from, $lt: to } }, limit)),
    activeClaimsPastDeadline: (before, limit) =>
      classified(async () => {
        const documents = await claims.collection.find({ status: "active", deadline: { $lt: before } }).sort({ deadline: 1, _id: 1 }).limit(limit).toArray();
        return Promise.all(documents.map(claims.fromDocument));
      }),
    submissionsDecidedIn: ({ from, to }, limit) =>
      classified(async () => {
        const documents = await submissions.collection.find({ "review.decidedAt": { $gte: from, $lt: to } }).sort({ "review.decidedAt": 1, _id: 1 }).limit(limit).toArray();
        return Promise.all(documents.map(submissions.fromDocument));
      }),
    placesOfActiveOpportunities: (limit) =>
      classified(async () => {
        // The claims are counted before the counters are read: a claim landing in between then
        // shows as a reservation not yet settled, never as a place missing. A withdrawn, expired or
        // rejected claim holds no place; one ending in between shows as a place not given back yet, for a moment.
        const active = await opportunities.collection.find({ status: "active" }, { projection: { _id: 1 } }).sort({ _id: 1 }).limit(limit).toArray();
        const ids = active.map((document) => document._id);
        const counted = await claims.collection
          .aggregate<{ _id: string; claims: number }>([{ $match: { opportunityId: { $in: ids }, status: { $nin: [...placeReturningStatuses] } } }, { $group: { _id: "$opportunityId", claims: { $sum: 1 } } }])
          .toArray();
        const claimsOf = new Map(counted.map((row) => [row._id, row.claims]));
        const counters = await opportunities.collection.find({ _id: { $in: ids } }, { projection: { claimsCount: 1, reservations: 1 } }).toArray();
        return counters.map((document) => ({
          opportunityId: document._id,
          claimsCount: Number(document.claimsCount ?? 0),
          claims: claimsOf.get(document._id) ?? 0,
          reservations: Array.isArray(document.reservations) ? document.reservations.length : 0,
        }));
      }),
  };
}
