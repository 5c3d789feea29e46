import type { Db } from "mongodb";
import { z } from "zod";

/** One credit of points; the ledger's `_id` is the entry id, which makes a repeated credit a duplicate. */
export interface PointsEntryDocument {
  _id: string;
  userId: string;
  points: number;
  rewardId: string;
  at: Date;
}

export const pointsLedgerCollection = (db: Db) => db.collection<PointsEntryDocument>("points_ledger");

/** What the balance aggregation returns: no row when the user has no entries. */
export const PointsTotal = z.array(z.object({ points: z.number().int() })).max(1);
