import { z } from "zod";
import { PayoutOut, type PayoutFailureReason } from "../../contracts/payouts.js";
import { firstVersion, Version } from "../aggregate.js";
import { AppError } from "../app-error.js";
import type { Reward } from "../rewards/reward.js";

/** Where a payout is sent: the participant's payout details when it left `pending`, kept as they were then. */
export const PayoutRecipient = z.object({ name: z.string(), email: z.string() });
export type PayoutRecipient = z.infer<typeof PayoutRecipient>;

/**
 * A cash reward's payout: `pending → processing → paid | failed`. The provider's idempotency key
 * is the reward id, so every attempt of the same payout names the same order.
 */
export const Payout = PayoutOut.omit({ waitingForDetails: true }).extend({
  recipient: PayoutRecipient.nullable(),
  /** The provider's order, once an attempt has learned it. */
  providerOrderId: z.string().nullable(),
  paidAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: Version,
});
export type Payout = z.infer<typeof Payout>;

/** The payout a cash reward creates, pending until it is sent. */
export function payoutFor(reward: Reward, id: string, now: Date): Payout {
  if (reward.type !== "cash" || reward.currency === null) throw new AppError("invalid_state", "only a cash reward is paid out", { type: reward.type });
  return {
    id,
    rewardId: reward.id,
    claimId: reward.claimId,
    opportunityId: reward.opportunityId,
    orgId: reward.orgId,
    userId: reward.userId,
    amount: reward.value,
    currency: reward.currency,
    status: "pending",
    failureReason: null,
    recipient: null,
    providerOrderId: null,
    paidAt: null,
    createdAt: now,
    updatedAt: now,
    version: firstVersion,
  };
}

/** Handed to the provider for `recipient`: from here on every attempt sends the same order. */
export function sending(payout: Payout, recipient: PayoutRecipient, now: Date): Payout {
  if (payout.status !== "pending") throw wrongState(payout, "sent");
  return { ...payout, status: "processing", recipient, updatedAt: now };
}

/** The provider took the order; it is still processing until the provider says how it ended. */
export function accepted(payout: Payout, providerOrderId: string, now: Date): Payout {
  if (payout.status !== "processing") throw wrongState(payout, "accepted");
  return { ...payout, providerOrderId, updatedAt: now };
}

/** The provider delivered the money. */
export function paid(payout: Payout, now: Date): Payout {
  if (payout.status !== "processing") throw wrongState(payout, "paid");
  return { ...payout, status: "paid", paidAt: now, updatedAt: now };
}

/** The provider refused the order or could not deliver it: for good, not to be retried. */
export function failedPayout(payout: Payout, reason: PayoutFailureReason, now: Date): Payout {
  if (payout.status !== "processing") throw wrongState(payout, "failed");
  return { ...payout, status: "failed", failureReason: reason, updatedAt: now };
}

/** Whether nothing more will happen to it. */
export const isSettled = (payout: Pick<Payout, "status">): boolean => payout.status === "paid" || payout.status === "failed";

/** Whether it waits only for the participant's payout details. */
export const isWaitingForDetails = (payout: Pick<Payout, "status" | "recipient">): boolean => payout.status === "pending" && payout.recipient === null;

const wrongState = (payout: Payout, wanted: string) =>
  new AppError("invalid_state", `a ${payout.status} payout cannot be ${wanted}`, { status: payout.status });
