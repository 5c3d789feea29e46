import type { Db } from "mongodb";
import { z } from "zod";
import { DomainEvent } from "../../../contracts/events.js";

/**
 * One entry of a participant's ledger. Unique per (userId, seq), so of two racing appends one
 * takes the number, and per (userId, key), so a retried append is a duplicate. An earn entry's
 * `_id` is its reward's id (as credits were named before entries had a key). `createdAt` is `at`,
 * for keyset pages. `settled` is bookkeeping of the expiry job only, never part of the amounts.
 */
export const PointsEntryDocument = z.object({
  _id: z.string(),
  userId: z.string(),
  seq: z.number().int().min(1),
  kind: z.enum(["earn", "redeem", "refund", "expire", "adjust"]),
  points: z.number().int(),
  balanceAfter: z.number().int().min(0),
  key: z.string(),
  orgId: z.string().nullable().default(null),
  rewardId: z.string().nullable().default(null),
  expiresAt: z.date().nullable().default(null),
  expires: z.string().nullable().default(null),
  reason: z.string().nullable().default(null),
  at: z.date(),
  createdAt: z.date(),
  settled: z.boolean().optional(),
  outbox: z.array(DomainEvent).default([]),
});
export type PointsEntryDocument = z.input<typeof PointsEntryDocument>;

export const pointsLedgerCollection = (db: Db) => db.collection<PointsEntryDocument>("points_ledger");
