import { describe, expect, it } from "vitest";
import { budgetStanding, budgetUnit, costPerClaim, isBoundByBudget, noPlaceLeft, placeLimit } from "../../../../src/domain/opportunities/budget.js";
import { assertClaimable, draftOpportunity, isCapacityUsedUp, published } from "../../../../src/domain/opportunities/opportunity.js";
import { opportunityIn } from "../../support/fixtures.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const withBudget = (budget: number | null, capacity = 10) => draftOpportunity(opportunityIn({ capacity, budget, reward: { type: "points", value: 50 } }), "opp_0000000000000001", now);

describe("placeLimit", () => {
  it("is the capacity without a budget, else the places the budget pays for, whichever is fewer", () => {
    expect(placeLimit(withBudget(null))).toBe(10);
    expect(placeLimit(withBudget(149))).toBe(2);
    expect(placeLimit(withBudget(150))).toBe(3);
    expect(placeLimit(withBudget(10_000))).toBe(10);
    expect(isBoundByBudget(withBudget(150))).toBe(true);
    expect(isBoundByBudget(withBudget(500))).toBe(false);
  });
});

describe("assertClaimable", () => {
  it("refuses with budget_exhausted once the budget pays for no more places, with capacity_exhausted once the capacity is what ran out", () => {
    const active = { ...published(withBudget(100), now), claimsCount: 2 };
    expect(() => assertClaimable(active, now)).toThrow(expect.objectContaining({ code: "budget_exhausted", details: { budget: 100 } }));
    expect(() => assertClaimable({ ...active, budget: 10_000, claimsCount: 10 }, now)).toThrow(expect.objectContaining({ code: "capacity_exhausted" }));
    expect(() => assertClaimable({ ...active, claimsCount: 1 }, now)).not.toThrow();
  });

  it("counts a budget's places as capacity for completing by itself", () => {
    expect(isCapacityUsedUp({ ...withBudget(100), claimsCount: 2 }, 2)).toBe(true);
    expect(isCapacityUsedUp({ ...withBudget(100), claimsCount: 2 }, 1)).toBe(false);
  });
});

describe("budgetStanding", () => {
  it("commits each place's reward and leaves what new claims may commit", () => {
    expect(budgetStanding({ ...withBudget(120), claimsCount: 2 }, 50)).toEqual({ limit: 120, costPerClaim: 50, committed: 100, spent: 50, remaining: 20 });
    expect(budgetStanding({ ...withBudget(null), claimsCount: 2 }, 0)).toEqual({ limit: null, costPerClaim: 50, committed: 100, spent: 0, remaining: null });
  });
});

describe("costPerClaim", () => {
  it("is the reward's value in its unit: points, or minor units of its currency", () => {
    expect(costPerClaim({ type: "points", value: 7 })).toBe(7);
    expect(costPerClaim({ type: "cash", value: 550, currency: "EUR" })).toBe(550);
    expect([budgetUnit({ type: "points", value: 7 }), budgetUnit({ type: "voucher", value: 1000, currency: "JPY", poolId: "vpl_0000000000000001" })]).toEqual(["points", "JPY"]);
  });

  it("names the budget in the refusal", () => {
    expect(noPlaceLeft(withBudget(100))).toMatchObject({ code: "budget_exhausted" });
  });
});
