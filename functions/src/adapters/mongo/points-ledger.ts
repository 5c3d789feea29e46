import type { Db } from "mongodb";
import type { PointsLedger } from "../../ports/points-ledger.js";
import { PointsTotal, pointsLedgerCollection } from "./documents/points-entry-document.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";
import { parseDocument } from "./parse-document.js";

/** Points credits in `points_ledger`; a balance is the sum of a user's entries, never a stored counter. */
export function mongoPointsLedger(db: Db): PointsLedger {
  const ledger = pointsLedgerCollection(db);
  return {
    // The entry id is the document id: a retried credit is a duplicate insert and changes nothing.
    credit: (entry) =>
      classified(async () => {
        await insertIfAbsent(ledger, { _id: entry.id, userId: entry.userId, points: entry.points, rewardId: entry.rewardId, at: entry.at });
      }),

    balance: (userId) =>
      classified(async () => {
        const rows = await ledger.aggregate([{ $match: { userId } }, { $group: { _id: null, points: { $sum: "$points" } } }]).toArray();
        return parseDocument(PointsTotal, "points_ledger", rows)[0]?.points ?? 0;
      }),
  };
}
