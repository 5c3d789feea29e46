import type { Claim } from "../../domain/claims/claim.js";
import type { Opportunity } from "../../domain/opportunities/opportunity.js";
import type { Reservation } from "../../domain/opportunities/reservation.js";
import { monthlyBudgetExhausted, monthlyChargeFor, type MonthlyCharge } from "../../domain/organizations/monthly-budget.js";
import type { ChargeOutcome, MonthlyBudgetRepository } from "../../ports/monthly-budget-repository.js";

// A claim's charge on its organization's monthly budget (domain/organizations/monthly-budget.ts):
// made with its reservation, before the claim is written; given back with its place; kept when it completes.

export type MonthlyChargeDeps = { monthlyBudgets: MonthlyBudgetRepository };

/**
 * Charges the claim that `reservation` names to the month it was reserved in, once however often
 * it is retried. Throws `budget_exhausted` when the month's limit of the reward's unit cannot pay
 * for it; answers the charge and whether this call made it.
 */
export async function chargeMonthlyBudget(deps: MonthlyChargeDeps, opportunity: Opportunity, reservation: Reservation): Promise<{ charge: MonthlyCharge; outcome: Exclude<ChargeOutcome, "exhausted"> }> {
  const { scope, ...charge } = monthlyChargeFor(opportunity.orgId, opportunity.reward, reservation.at);
  const limit = (await deps.monthlyBudgets.findLimits(opportunity.orgId))[scope.unit] ?? null;
  const outcome = await deps.monthlyBudgets.charge({ scope, ...charge }, reservation.claimId, limit);
  if (outcome === "exhausted") throw monthlyBudgetExhausted(scope, limit ?? 0);
  return { charge, outcome };
}

/** Gives back the charge of a reservation whose claim will never be written; nothing when it holds none. */
export async function releaseReservationCharge(deps: MonthlyChargeDeps, opportunity: Opportunity, reservation: Reservation): Promise<void> {
  const { scope: _scope, ...charge } = monthlyChargeFor(opportunity.orgId, opportunity.reward, reservation.at);
  await deps.monthlyBudgets.release(charge, reservation.claimId);
}

/** Gives back the charge of a claim that gave its place back; once, however often its ending is handled. */
export async function releaseMonthlyChargeOf(deps: MonthlyChargeDeps, claim: Pick<Claim, "id" | "monthlyCharge">): Promise<void> {
  if (claim.monthlyCharge) await deps.monthlyBudgets.release(claim.monthlyCharge, claim.id);
}

/** Keeps the charge of a completed claim counted, and closes it: the claim no longer holds it open. */
export async function keepMonthlyChargeOf(deps: MonthlyChargeDeps, claim: Pick<Claim, "id" | "monthlyCharge">): Promise<"kept" | "none"> {
  return claim.monthlyCharge && (await deps.monthlyBudgets.keep(claim.monthlyCharge, claim.id)) ? "kept" : "none";
}
