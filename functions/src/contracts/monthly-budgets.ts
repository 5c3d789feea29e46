import { z } from "zod";
import { Currency } from "./money.js";
import { OrgId } from "./common.js";
import { defineRoute } from "./route.js";

// An organization's monthly budgets: what all of its claims together may commit in one calendar
// month (UTC), per unit, beside each opportunity's own budget (domain/organizations/monthly-budget.ts).

/** What a budget is counted in: `points`, or an ISO 4217 currency in its minor units. */
export const BudgetUnit = z.union([z.literal("points"), Currency]);

/** A calendar month, UTC: `2026-11`. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM");

const Limit = z.number().int().min(1).max(1_000_000_000_000);

export const MonthlyBudgetsIn = z
  .strictObject({
    /** The limit of each unit, in points or minor units; a unit left out has no monthly limit. Replaces the limits set before. */
    limits: z.record(BudgetUnit, Limit).refine((limits) => Object.keys(limits).length <= 20, "at most 20 units"),
  })
  .meta({ id: "MonthlyBudgetsIn" });
export type MonthlyBudgetsIn = z.infer<typeof MonthlyBudgetsIn>;

export const MonthlyBudgetOut = z
  .object({
    unit: z.string(),
    /** Null: no monthly limit in this unit (claims are still counted). */
    limit: Limit.nullable(),
    /** What the month's claims commit: those running and those completed. */
    committed: z.number().int(),
    /** What rewards issued in the month are worth. */
    spent: z.number().int(),
    /** What new claims may still commit this month; null without a limit. */
    remaining: z.number().int().nullable(),
  })
  .meta({ id: "MonthlyBudget" });
export type MonthlyBudgetOut = z.infer<typeof MonthlyBudgetOut>;

export const MonthlyBudgetsOut = z
  .object({
    orgId: OrgId,
    month: Month,
    /** Every unit with a limit or with claims in the month. */
    budgets: z.array(MonthlyBudgetOut),
  })
  .meta({ id: "MonthlyBudgets" });
export type MonthlyBudgetsOut = z.infer<typeof MonthlyBudgetsOut>;

const ByOrg = z.strictObject({ orgId: OrgId });
const path = "/v1/organizations/{orgId}/monthly-budgets";

export const monthlyBudgetRoutes = {
  getMonthlyBudgets: defineRoute({
    operationId: "getMonthlyBudgets",
    method: "GET",
    path,
    summary: "Where the organization stands against its monthly budgets in a month (the current one unless `month` says): per unit, the limit, what claims commit, what issued rewards spent",
    tag: "Budgets",
    auth: { kind: "user_or_api_key", scope: "rewards:read" },
    params: ByOrg,
    query: z.strictObject({ month: Month.optional() }),
    response: { status: 200, schema: MonthlyBudgetsOut },
  }),
  setMonthlyBudgets: defineRoute({
    operationId: "setMonthlyBudgets",
    audit: "monthly_budgets.updated",
    method: "PATCH",
    path,
    summary: "Set the organization's monthly limits per unit; a claim that would take the month past its unit's limit is refused with 409 budget_exhausted. Lowering a limit below what is committed refuses new claims, and takes nothing back",
    tag: "Budgets",
    auth: { kind: "user_or_api_key", scope: "rewards:write" },
    params: ByOrg,
    body: MonthlyBudgetsIn,
    response: { status: 200, schema: MonthlyBudgetsOut },
  }),
};
