import type { Db, Document, Filter } from "mongodb";
import { z } from "zod";
import { Reservation } from "../../domain/opportunities/reservation.js";
import type { OpportunityFilter, OpportunityRepository } from "../../ports/opportunity-repository.js";
import { mongoAggregateStore, type AggregateDocument } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";
import { parseDocument } from "./parse-document.js";

// Reservations live beside the aggregate's fields, as the outbox does: the opportunity's schema
// strips them on read and `save` never writes them, so only the updates below move them.
// `reservedBy` lists the participants holding one, moved in the same updates, for the guard
// "holds none yet": the local server (FerretDB v1) matches `{"reservations.userId": {$ne: u}}`
// when ANY reservation is another participant's, and has no $elemMatch on fields, while
// `{reservedBy: {$ne: u}}` on an array of strings means "contains no u" on both servers.
const StoredReservations = z.object({ reservations: z.array(Reservation).default([]) });

/**
 * A reservation as stored, its fields always in this order: the local server's `$pull` compares
 * embedded documents field by field, in order (Atlas takes the same value as a condition), so the
 * element written and the element removed must be built alike.
 */
const stored = ({ claimId, userId, at }: Reservation) => ({ claimId, userId, at });

/** Opportunities, and the places their claims take. */
export function mongoOpportunityRepository(db: Db): OpportunityRepository {
  const { opportunities } = aggregateCollections(db);
  const { collection } = opportunities;
  const reservationsOf = (document: AggregateDocument) => parseDocument(StoredReservations, opportunities.name, document).reservations;
  const heldBy = (document: AggregateDocument | null, userId: string) => (document && reservationsOf(document).find((r) => r.userId === userId)) ?? null;

  // Removes the reservation only while it is there, so that of two settlers only one moves the count.
  const removeReservation = (id: string, reservation: Reservation, placeBack: boolean) =>
    classified(async () => {
      const pull = { $pull: { reservations: stored(reservation), reservedBy: reservation.userId } };
      const removal: Document = placeBack ? { ...pull, $inc: { claimsCount: -1 } } : pull;
      const result = await collection.updateOne({ _id: id, "reservations.claimId": reservation.claimId }, removal);
      return result.modifiedCount === 1;
    });

  return {
    ...mongoAggregateStore(opportunities, { atomicFields: ["claimsCount"] }),

    list: (filter, page) => classified(() => findPage(collection, listFilter(filter), page, opportunities.fromDocument)),

    findWithReservation: (id, userId) =>
      classified(async () => {
        const document = await collection.findOne({ _id: id });
        return document && { opportunity: await opportunities.fromDocument(document), reservation: heldBy(document, userId) };
      }),

    // The capacity is a literal in the filter, not a comparison with the stored field: the local
    // server has no $expr. The guards, the increment and the reservation are one atomic update, so
    // a burst of claims never takes more places than `capacity`, nor two for one participant.
    reservePlace: (id, capacity, reservation) =>
      classified(async () => {
        const taking: Document = { $inc: { claimsCount: 1 }, $push: { reservations: stored(reservation), reservedBy: reservation.userId } };
        const result = await collection.updateOne({ _id: id, status: "active", claimsCount: { $lt: capacity }, reservedBy: { $ne: reservation.userId } }, taking);
        if (result.modifiedCount === 1) return { outcome: "reserved" };
        const held = heldBy(await collection.findOne({ _id: id }, { projection: { reservations: 1 } }), reservation.userId);
        return held ? { outcome: "held", reservation: held } : { outcome: "full" };
      }),

    settleReservation: (id, reservation) => removeReservation(id, reservation, false),
    releaseReservation: (id, reservation) => removeReservation(id, reservation, true),

    // `placesReturnedFor` lists the withdrawn and expired claims whose place went back, beside the aggregate's
    // fields as the reservations are; `$ne` on an array of strings means "contains no such id".
    returnPlace: (id, claimId) =>
      classified(async () => {
        const returning: Document = { $inc: { claimsCount: -1 }, $push: { placesReturnedFor: claimId } };
        const result = await collection.updateOne({ _id: id, placesReturnedFor: { $ne: claimId } }, returning);
        return result.modifiedCount === 1;
      }),

    listStaleReservations: (before, limit) =>
      classified(async () => {
        const documents = await collection
          .find({ "reservations.at": { $lt: before } }, { projection: { reservations: 1 } })
          .sort({ _id: 1 })
          .limit(limit)
          .toArray();
        return documents
          .flatMap((document) => reservationsOf(document).filter((r) => r.at < before).map((reservation) => ({ opportunityId: document._id, reservation })))
          .slice(0, limit);
      }),
  };
}

function listFilter(filter: OpportunityFilter): Filter<AggregateDocument> {
  return {
    ...(filter.orgId !== undefined && { orgId: filter.orgId }),
    // A deleted draft is a tombstone, never listed.
    status: filter.status ?? { $ne: "deleted" },
    ...(filter.rewardType !== undefined && { "reward.type": filter.rewardType }),
  };
}
