import type { Reward as RewardTerms } from "../../contracts/opportunities.js";

export interface Reward {
  id: string;
  claimId: string;
  opportunityId: string;
  orgId: string;
  userId: string;
  type: RewardTerms["type"];
  value: number;
  currency: string | null;
  status: "pending" | "issued";
  issuedAt: Date | null;
  createdAt: Date;
}

/** The reward a completed claim earns, before it is issued. */
export function rewardFor(terms: RewardTerms, claim: { id: string; opportunityId: string; orgId: string; userId: string }, id: string, now: Date): Reward {
  return {
    id,
    claimId: claim.id,
    opportunityId: claim.opportunityId,
    orgId: claim.orgId,
    userId: claim.userId,
    type: terms.type,
    value: terms.value,
    currency: terms.type === "points" ? null : terms.currency,
    status: "pending",
    issuedAt: null,
    createdAt: now,
  };
}
