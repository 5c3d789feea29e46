import type { Reward } from "../../contracts/opportunities.js";
import { AppError } from "../app-error.js";

/** What of an opportunity its budget reads (opportunity.ts reads this file, so it is not imported from there). */
interface BudgetTerms {
  budget: number | null;
  reward: Reward;
  capacity: number;
}

/**
 * What one claim commits of its opportunity's budget: its reward's worth, in the reward's unit
 * (points, or minor units of its currency; integers both, so sums never round).
 */
export const costPerClaim = (reward: Reward): number => reward.value;

/** The unit a budget is kept in: `points`, or the reward's ISO 4217 currency. */
export const budgetUnit = (reward: Reward): string => (reward.type === "points" ? "points" : reward.currency);

/**
 * How many places an opportunity may have taken at once: its capacity, and no more than its budget
 * pays for. A place is the budget's reservation: taken with the claim (one guarded update, so
 * concurrent claims never commit more than the budget), given back when the claim is withdrawn,
 * expires or is rejected, and kept (spent) once it completes and its reward is issued.
 */
export function placeLimit(opportunity: BudgetTerms): number {
  return Math.min(opportunity.capacity, placesPaidFor(opportunity));
}

/** Whether the budget, rather than the capacity, is what bounds the places. */
export const isBoundByBudget = (opportunity: BudgetTerms): boolean => placesPaidFor(opportunity) < opportunity.capacity;

function placesPaidFor(opportunity: BudgetTerms): number {
  return opportunity.budget === null ? Number.POSITIVE_INFINITY : Math.floor(opportunity.budget / costPerClaim(opportunity.reward));
}

/** The refusal of a claim when no place is left: the budget's when it is what ran out, else the capacity's. */
export function noPlaceLeft(opportunity: BudgetTerms): AppError {
  return isBoundByBudget(opportunity)
    ? new AppError("budget_exhausted", "this opportunity's budget pays for no more claims", { budget: opportunity.budget })
    : new AppError("capacity_exhausted", "every place of this opportunity is taken");
}

/** Where the budget stands, given what issued rewards of the opportunity cost. */
export function budgetStanding(opportunity: Omit<BudgetTerms, "capacity"> & { claimsCount: number }, spent: number) {
  const cost = costPerClaim(opportunity.reward);
  const committed = opportunity.claimsCount * cost;
  return { limit: opportunity.budget, costPerClaim: cost, committed, spent, remaining: opportunity.budget === null ? null : Math.max(0, opportunity.budget - committed) };
}
