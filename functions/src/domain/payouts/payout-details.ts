import { z } from "zod";
import { PayoutDetailsIn } from "../../contracts/payouts.js";
import { UserId } from "../../contracts/common.js";
import { firstVersion, Version } from "../aggregate.js";

/**
 * Where a participant's cash rewards are paid; one per user, under the user's id. Personal data.
 * Not strict like the request body: a stored document carries fields of the store's (its outbox).
 */
export const PayoutDetails = z.object({
  ...PayoutDetailsIn.shape,
  id: UserId,
  createdAt: z.date(),
  updatedAt: z.date(),
  version: Version,
});
export type PayoutDetails = z.infer<typeof PayoutDetails>;

export function newPayoutDetails(userId: string, given: PayoutDetailsIn, now: Date): PayoutDetails {
  return { id: userId, ...given, createdAt: now, updatedAt: now, version: firstVersion };
}

export function changedPayoutDetails(details: PayoutDetails, given: PayoutDetailsIn, now: Date): PayoutDetails {
  return { ...details, ...given, updatedAt: now };
}
