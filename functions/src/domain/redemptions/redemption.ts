import { z } from "zod";
import { RedemptionOut } from "../../contracts/redemptions.js";
import { VoucherPoolId } from "../../contracts/vouchers.js";
import { firstVersion, Version } from "../aggregate.js";
import { AppError } from "../app-error.js";
import type { RedemptionOffer } from "./redemption-offer.js";

/**
 * A participant's spending of points on an offer: `pending` once recorded, then the points are
 * taken (a ledger entry keyed by the redemption) and a code given (an allocation held by the
 * redemption), each step repeatable, and it ends `completed`, or `refunded` when the pool had no code left
 * (the points credited back under a key of its own), or `refused` when the balance was short. `key` makes the request
 * idempotent: a retry finds the redemption it started and finishes it.
 */
export const Redemption = RedemptionOut.omit({ voucher: true }).extend({
  key: z.string(),
  poolId: VoucherPoolId,
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  updatedAt: z.date(),
  version: Version,
});
export type Redemption = z.infer<typeof Redemption>;

export function newRedemption(offer: RedemptionOffer, userId: string, key: string, id: string, now: Date): Redemption {
  return {
    id,
    key,
    offerId: offer.id,
    orgId: offer.orgId,
    poolId: offer.poolId,
    userId,
    offerName: offer.name,
    points: offer.points,
    status: "pending",
    createdAt: now,
    completedAt: null,
    updatedAt: now,
    version: firstVersion,
  };
}

/** The ledger key of the points a refunded redemption gives back (the debit's is `redeem:<id>`, points-ledger.ts). */
export const refundKey = (redemption: Pick<Redemption, "id">) => `refund:${redemption.id}`;

export function completed(redemption: Redemption, now: Date): Redemption {
  if (redemption.status !== "pending") throw wrongState(redemption);
  return { ...redemption, status: "completed", completedAt: now, updatedAt: now };
}

export function refunded(redemption: Redemption, now: Date): Redemption {
  if (redemption.status !== "pending") throw wrongState(redemption);
  return { ...redemption, status: "refunded", completedAt: now, updatedAt: now };
}

export function refused(redemption: Redemption, now: Date): Redemption {
  if (redemption.status !== "pending") throw wrongState(redemption);
  return { ...redemption, status: "refused", completedAt: now, updatedAt: now };
}

const wrongState = (redemption: Redemption) => new AppError("invalid_state", `this redemption is ${redemption.status}`, { status: redemption.status });
