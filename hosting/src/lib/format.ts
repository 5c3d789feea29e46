import type { Opportunity, RewardSpec } from "@user-x/sdk";
import { formatMoney } from "./money";

export function formatReward(reward: RewardSpec | { type: string; value: number; currency: string | null }): string {
  if (reward.type === "points") return `${reward.value} points`;
  const amount = "currency" in reward && reward.currency ? formatMoney(reward.value, reward.currency) : String(reward.value);
  return reward.type === "voucher" ? `${amount} voucher` : `${amount} cash`;
}

/** Places a participant may still take: its capacity, and no more than its budget pays for (functions/src/domain/opportunities/budget.ts). */
export function placesLeft(opportunity: Pick<Opportunity, "capacity" | "claimsCount" | "budget" | "reward">): number {
  const paidFor = opportunity.budget === null ? Number.POSITIVE_INFINITY : Math.floor(opportunity.budget / opportunity.reward.value);
  return Math.max(0, Math.min(opportunity.capacity, paidFor) - opportunity.claimsCount);
}

export function formatDateTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}
