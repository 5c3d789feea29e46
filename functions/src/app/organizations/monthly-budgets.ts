import type { MonthlyBudgetsIn, MonthlyBudgetsOut } from "../../contracts/monthly-budgets.js";
import type { Principal } from "../../domain/identity/principal.js";
import { monthBounds, monthlyStanding, monthOf } from "../../domain/organizations/monthly-budget.js";
import type { Clock } from "../../ports/clock.js";
import type { MonthlyBudgetRepository } from "../../ports/monthly-budget-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { RewardRepository } from "../../ports/reward-repository.js";
import { loadOrganizationFor } from "./load-organization.js";

type Deps = { organizations: OrganizationRepository; monthlyBudgets: MonthlyBudgetRepository; rewards: RewardRepository; clock: Clock };

/** Where the organization stands in `month` (the current one by default): each unit with a limit or with claims or spend in it. */
export async function getMonthlyBudgets(deps: Deps, principal: Principal, orgId: string, month?: string): Promise<MonthlyBudgetsOut> {
  await loadOrganizationFor(deps.organizations, orgId, principal, "rewards:read");
  return standing(deps, orgId, month ?? monthOf(deps.clock.now()));
}

/**
 * Replaces the organization's monthly limits. A lower limit refuses the claims that would pass it
 * from now on; those already counted keep their places.
 */
export async function setMonthlyBudgets(deps: Deps, principal: Principal, orgId: string, input: MonthlyBudgetsIn): Promise<MonthlyBudgetsOut> {
  await loadOrganizationFor(deps.organizations, orgId, principal, "rewards:write");
  const now = deps.clock.now();
  await deps.monthlyBudgets.setLimits(orgId, input.limits, now);
  return standing(deps, orgId, monthOf(now));
}

async function standing(deps: Deps, orgId: string, month: string): Promise<MonthlyBudgetsOut> {
  const { from, to } = monthBounds(month);
  const [limits, counts, spends] = await Promise.all([deps.monthlyBudgets.findLimits(orgId), deps.monthlyBudgets.countsOf(orgId, month), deps.rewards.sumIssuedByOrganization(orgId, from, to)]);
  const units = [...new Set([...Object.keys(limits), ...counts.map((c) => c.unit), ...spends.map((s) => s.unit)])].sort();
  const budgets = units.map((unit) =>
    monthlyStanding(unit, limits[unit] ?? null, counts.find((c) => c.unit === unit)?.committed ?? 0, spends.find((s) => s.unit === unit)?.spent ?? 0),
  );
  return { orgId, month, budgets };
}
