import type { MonthlyBudgetScope, MonthlyCharge } from "../../../src/domain/organizations/monthly-budget.js";
import type { ChargeOutcome, MonthlyBudgetRepository } from "../../../src/ports/monthly-budget-repository.js";

/** The monthly budgets' guarded counts over maps; each call runs alone, as if it had won its race. */
export class InMemoryMonthlyBudgetRepository implements MonthlyBudgetRepository {
  readonly months = new Map<string, MonthlyBudgetScope & { committed: number; open: Set<string> }>();
  private readonly limits = new Map<string, Record<string, number>>();

  async findLimits(orgId: string) {
    return { ...(this.limits.get(orgId) ?? {}) };
  }

  async setLimits(orgId: string, limits: Record<string, number>) {
    this.limits.set(orgId, { ...limits });
  }

  async charge({ scope, budgetId, amount }: MonthlyCharge & { scope: MonthlyBudgetScope }, claimId: string, limit: number | null): Promise<ChargeOutcome> {
    const month = this.months.get(budgetId) ?? { ...scope, committed: 0, open: new Set<string>() };
    this.months.set(budgetId, month);
    if (month.open.has(claimId)) return "held";
    if (limit !== null && month.committed + amount > limit) return "exhausted";
    month.committed += amount;
    month.open.add(claimId);
    return "charged";
  }

  async release({ budgetId, amount }: MonthlyCharge, claimId: string) {
    const month = this.months.get(budgetId);
    if (!month?.open.delete(claimId)) return false;
    month.committed -= amount;
    return true;
  }

  async keep({ budgetId }: MonthlyCharge, claimId: string) {
    return this.months.get(budgetId)?.open.delete(claimId) ?? false;
  }

  async countsOf(orgId: string, month: string) {
    return [...this.months.values()].filter((m) => m.orgId === orgId && m.month === month).map(({ unit, committed }) => ({ unit, committed }));
  }
}
