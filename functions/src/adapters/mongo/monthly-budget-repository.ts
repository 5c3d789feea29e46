import type { Db } from "mongodb";
import type { MonthlyBudgetRepository } from "../../ports/monthly-budget-repository.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";

/**
 * One month's count of one unit of one organization. `open` names the claims whose charge is
 * counted and not settled yet (neither given back nor kept), for the guards "charged once" and
 * "given back once"; a claim leaves it when it ends, so it holds only the claims running.
 */
interface MonthDocument {
  _id: string;
  orgId: string;
  month: string;
  unit: string;
  committed: number;
  open: string[];
}

interface LimitsDocument {
  _id: string;
  limits: Record<string, number>;
  updatedAt: Date;
}

export const monthlyBudgetsCollection = (db: Db) => db.collection<MonthDocument>("monthly_budgets");
export const budgetLimitsCollection = (db: Db) => db.collection<LimitsDocument>("monthly_budget_limits");

export function mongoMonthlyBudgetRepository(db: Db): MonthlyBudgetRepository {
  const months = monthlyBudgetsCollection(db);
  const limits = budgetLimitsCollection(db);

  // The limit is a literal in the filter, not a comparison with a stored field (the local server
  // has no $expr): the guard, the increment and the claim's name are one atomic update.
  const chargeOnce = (budgetId: string, amount: number, claimId: string, limit: number | null) =>
    months.updateOne(
      { _id: budgetId, open: { $ne: claimId }, ...(limit !== null && { committed: { $lte: limit - amount } }) },
      { $inc: { committed: amount }, $push: { open: claimId } },
    );

  return {
    findLimits: (orgId) => classified(async () => (await limits.findOne({ _id: orgId }))?.limits ?? {}),

    setLimits: (orgId, newLimits, now) =>
      classified(async () => {
        await limits.updateOne({ _id: orgId }, { $set: { limits: newLimits, updatedAt: now } }, { upsert: true });
      }),

    charge: ({ scope, budgetId, amount }, claimId, limit) =>
      classified(async () => {
        let result = await chargeOnce(budgetId, amount, claimId, limit);
        if (result.matchedCount === 0) {
          // Perhaps the month's first charge of this unit: its count starts at zero, then the charge is
          // tried again. Created whether or not another first charge just did (a duplicate is a no-op),
          // and tried again either way: a count created by a racing charge since the first try must
          // not read as a refusal.
          await insertIfAbsent(months, { _id: budgetId, ...scope, committed: 0, open: [] });
          result = await chargeOnce(budgetId, amount, claimId, limit);
        }
        if (result.modifiedCount === 1) return "charged";
        return (await months.findOne({ _id: budgetId, open: claimId }, { projection: { _id: 1 } })) ? "held" : "exhausted";
      }),

    release: ({ budgetId, amount }, claimId) =>
      classified(async () => (await months.updateOne({ _id: budgetId, open: claimId }, { $inc: { committed: -amount }, $pull: { open: claimId } })).modifiedCount === 1),

    keep: ({ budgetId }, claimId) => classified(async () => (await months.updateOne({ _id: budgetId, open: claimId }, { $pull: { open: claimId } })).modifiedCount === 1),

    countsOf: (orgId, month) =>
      classified(async () => (await months.find({ orgId, month }, { projection: { unit: 1, committed: 1 } }).toArray()).map(({ unit, committed }) => ({ unit, committed }))),
  };
}
