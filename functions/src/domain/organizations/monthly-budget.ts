import { z } from "zod";
import type { MonthlyBudgetOut } from "../../contracts/monthly-budgets.js";
import type { Reward } from "../../contracts/opportunities.js";
import { AppError } from "../app-error.js";
import { budgetUnit, costPerClaim } from "../opportunities/budget.js";

/**
 * An organization's monthly budget: what all of its claims together may commit in one calendar
 * month, per unit (points, or minor units of a currency), beside each opportunity's own budget.
 *
 * A claim is charged to the month its place was reserved in, in the same way a place is taken on
 * its opportunity: one guarded increment on the month's count of its unit, which names the claim
 * so that the charge is made once however often the claim's request is retried. The charge goes
 * back when the claim gives its place back (withdrawn, expired, rejected, or never written), and is
 * kept when it completes. Months are counted whether or not a limit is set, so a limit set in the
 * middle of a month counts the claims already made in it.
 */

/** A calendar month in UTC, `2026-11`. */
export const monthOf = (at: Date): string => at.toISOString().slice(0, 7);

/** The first instant of `month` and of the month after it, UTC. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const from = new Date(`${month}-01T00:00:00.000Z`);
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  return { from, to };
}

/** One month's count of one unit of one organization: one document each, so one guarded update decides every charge. */
export const monthlyBudgetId = (orgId: string, month: string, unit: string): string => `${orgId}:${month}:${unit}`;

/** What a claim was charged, and where: kept with the claim, so that giving it back needs nothing else. */
export const MonthlyCharge = z.object({ budgetId: z.string(), amount: z.number().int().positive() });
export type MonthlyCharge = z.infer<typeof MonthlyCharge>;

export interface MonthlyBudgetScope {
  orgId: string;
  month: string;
  unit: string;
}

/** The charge of a claim whose place was reserved at `reservedAt`, on an opportunity of `orgId` with `reward`. */
export function monthlyChargeFor(orgId: string, reward: Reward, reservedAt: Date): MonthlyCharge & { scope: MonthlyBudgetScope } {
  const scope = { orgId, month: monthOf(reservedAt), unit: budgetUnit(reward) };
  return { scope, budgetId: monthlyBudgetId(scope.orgId, scope.month, scope.unit), amount: costPerClaim(reward) };
}

/** The refusal of a claim the month's budget cannot pay for. */
export function monthlyBudgetExhausted(scope: MonthlyBudgetScope, limit: number): AppError {
  return new AppError("budget_exhausted", "your organization's monthly budget pays for no more claims this month", { scope: "monthly", month: scope.month, unit: scope.unit, limit });
}

/** Where one unit of a month stands. */
export function monthlyStanding(unit: string, limit: number | null, committed: number, spent: number): MonthlyBudgetOut {
  return { unit, limit, committed, spent, remaining: limit === null ? null : Math.max(0, limit - committed) };
}
