import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoMonthlyBudgetRepository } from "../../../src/adapters/mongo/monthly-budget-repository.js";
import { monthlyBudgetId } from "../../../src/domain/organizations/monthly-budget.js";
import type { MonthlyBudgetRepository } from "../../../src/ports/monthly-budget-repository.js";
import { concurrently, openTestDatabase, storedDocument, testId } from "./mongo-test-database.js";

// The monthly budgets' guarded counts on the local MongoDB-compatible server: racing first charges
// of a month, a limit under a burst, and charges given back or kept once.

let db: Db;
let drop: () => Promise<void>;
let budgets: MonthlyBudgetRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_monthly_budgets"));
  budgets = mongoMonthlyBudgetRepository(db);
});

afterAll(() => drop());

function aMonth() {
  const scope = { orgId: testId("org"), month: "2026-11", unit: "points" };
  return { scope, budgetId: monthlyBudgetId(scope.orgId, scope.month, scope.unit), amount: 50 };
}

describe("mongoMonthlyBudgetRepository", () => {
  it("charges every one of 20 racing first claims of a month without a limit, each once", async () => {
    const charge = aMonth();
    const claims = Array.from({ length: 20 }, () => testId("clm"));

    const outcomes = await concurrently(20, (i) => budgets.charge(charge, claims[i]!, null));

    expect(outcomes.every((outcome) => outcome === "charged")).toBe(true);
    expect(await budgets.charge(charge, claims[0]!, null)).toBe("held");
    expect(await budgets.countsOf(charge.scope.orgId, "2026-11")).toEqual([{ unit: "points", committed: 1_000 }]);
  });

  it("charges no more than the limit under a burst, and refuses the rest", async () => {
    const charge = aMonth();

    const outcomes = await concurrently(12, () => budgets.charge(charge, testId("clm"), 150));

    expect(outcomes.filter((outcome) => outcome === "charged")).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === "exhausted")).toHaveLength(9);
    expect((await storedDocument(db, "monthly_budgets", charge.budgetId))?.["committed"]).toBe(150);
  });

  it("gives a charge back once and keeps a completed one, both leaving the open list", async () => {
    const charge = aMonth();
    const [given, kept] = [testId("clm"), testId("clm")];
    await budgets.charge(charge, given, null);
    await budgets.charge(charge, kept, null);

    expect(await concurrently(3, () => budgets.release(charge, given))).toEqual(expect.arrayContaining([true, false, false]));
    expect(await budgets.keep(charge, kept)).toBe(true);
    expect(await budgets.release(charge, kept)).toBe(false);

    expect(await storedDocument(db, "monthly_budgets", charge.budgetId)).toMatchObject({ committed: 50, open: [] });
  });
});
