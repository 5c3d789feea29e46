import type { MonthlyBudgetScope, MonthlyCharge } from "../domain/organizations/monthly-budget.js";

/** `charged`: the claim's charge was added now; `held`: it was added before; `exhausted`: it would pass the limit. */
export type ChargeOutcome = "charged" | "held" | "exhausted";

/**
 * The organizations' monthly budgets: their limits per unit, and each month's count per unit,
 * kept in single guarded updates that name the claim (domain/organizations/monthly-budget.ts).
 */
export interface MonthlyBudgetRepository {
  /** The organization's monthly limits per unit; empty when it set none. */
  findLimits(orgId: string): Promise<Record<string, number>>;
  /** Replaces the organization's monthly limits. */
  setLimits(orgId: string, limits: Record<string, number>, now: Date): Promise<void>;
  /**
   * Adds the charge to its month's count for `claimId`, atomically: once per claim while it is
   * open, and only while the count stays within `limit` (null: no limit).
   */
  charge(charge: MonthlyCharge & { scope: MonthlyBudgetScope }, claimId: string, limit: number | null): Promise<ChargeOutcome>;
  /** Takes the claim's open charge back off its month's count; false when it holds none (given back or kept before). */
  release(charge: MonthlyCharge, claimId: string): Promise<boolean>;
  /** Closes the claim's charge as kept: it stays counted, and the claim no longer holds it open. */
  keep(charge: MonthlyCharge, claimId: string): Promise<boolean>;
  /** Each unit's count in the organization's month. */
  countsOf(orgId: string, month: string): Promise<{ unit: string; committed: number }[]>;
}
