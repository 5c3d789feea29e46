import type { PayoutDetailsOut, PayoutOut } from "../../contracts/payouts.js";
import { isWaitingForDetails, type Payout } from "../../domain/payouts/payout.js";
import type { PayoutDetails } from "../../domain/payouts/payout-details.js";

/** A payout as the API shows it: the recipient (personal data) and the provider's order stay inside. */
export function presentPayout(payout: Payout): PayoutOut {
  return {
    id: payout.id,
    rewardId: payout.rewardId,
    claimId: payout.claimId,
    opportunityId: payout.opportunityId,
    orgId: payout.orgId,
    userId: payout.userId,
    amount: payout.amount,
    currency: payout.currency,
    status: payout.status,
    waitingForDetails: isWaitingForDetails(payout),
    failureReason: payout.failureReason,
    paidAt: payout.paidAt?.toISOString() ?? null,
    createdAt: payout.createdAt.toISOString(),
    updatedAt: payout.updatedAt.toISOString(),
  };
}

export function presentPayoutDetails(userId: string, details: PayoutDetails | null): PayoutDetailsOut {
  return { userId, name: details?.name ?? null, email: details?.email ?? null, updatedAt: details?.updatedAt.toISOString() ?? null };
}
