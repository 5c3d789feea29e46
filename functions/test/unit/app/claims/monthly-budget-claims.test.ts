import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { settleStaleReservations } from "../../../../src/app/claims/settle-stale-reservations.js";
import { submitWork } from "../../../../src/app/claims/submit-work.js";
import { withdrawClaim } from "../../../../src/app/claims/withdraw-claim.js";
import { eventConsumers } from "../../../../src/app/events/consumers.js";
import { getMonthlyBudgets, setMonthlyBudgets } from "../../../../src/app/organizations/monthly-budgets.js";
import { issueRewardForClaim } from "../../../../src/app/rewards/issue-reward.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { monthlyBudgetId } from "../../../../src/domain/organizations/monthly-budget.js";
import { reservationGraceSeconds } from "../../../../src/domain/opportunities/reservation.js";
import { activeOpportunity, organizationWithEveryRole, participant, validAnswers } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const codeOf = (result: PromiseSettledResult<unknown>) => (result.status === "rejected" && result.reason instanceof AppError ? result.reason.code : result.status);

async function organizationWithLimit(deps: InMemoryDeps, limits: Record<string, number>) {
  const roles = await organizationWithEveryRole(deps);
  await setMonthlyBudgets(deps, roles.admin, roles.org.id, { limits });
  return roles;
}

const pointsIn = async (deps: InMemoryDeps, orgId: string, viewer: Parameters<typeof getMonthlyBudgets>[1]) =>
  (await getMonthlyBudgets(deps, viewer, orgId)).budgets.find((budget) => budget.unit === "points");

describe("claims against the organization's monthly budget", () => {
  it("never commits more than the month's limit across its opportunities: of 8 racing claims on two opportunities, 3 fit a limit of 150 at 50 each", async () => {
    const deps = inMemoryDeps();
    const { org, viewer } = await organizationWithLimit(deps, { points: 150 });
    const [first, second] = [
      await activeOpportunity(deps, { orgId: org.id, capacity: 10, reward: { type: "points", value: 50 } }),
      await activeOpportunity(deps, { orgId: org.id, capacity: 10, reward: { type: "points", value: 50 } }),
    ];
    const attempts = Array.from({ length: 8 }, (_, i) => claimOpportunity(deps, participant(deps), { opportunityId: (i % 2 === 0 ? first : second).id }));

    const results = await Promise.allSettled(attempts);

    expect(results.map(codeOf).filter((code) => code === "fulfilled")).toHaveLength(3);
    expect(results.map(codeOf).filter((code) => code === "budget_exhausted")).toHaveLength(5);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    expect((rejected?.reason as AppError).details).toMatchObject({ scope: "monthly", unit: "points", limit: 150, month: "2026-03" });
    // A refused claim's place went back to its opportunity.
    const places = ((await deps.opportunities.findById(first.id))?.claimsCount ?? 0) + ((await deps.opportunities.findById(second.id))?.claimsCount ?? 0);
    expect(places).toBe(3);
    expect(await pointsIn(deps, org.id, viewer)).toEqual({ unit: "points", limit: 150, committed: 150, spent: 0, remaining: 0 });
  });

  it("counts only the reward's unit: a limit in points does not bound a cash opportunity", async () => {
    const deps = inMemoryDeps();
    const { org, viewer } = await organizationWithLimit(deps, { points: 50 });
    const cash = await activeOpportunity(deps, { orgId: org.id, reward: { type: "cash", value: 500, currency: "EUR" } });

    await claimOpportunity(deps, participant(deps), { opportunityId: cash.id });
    await claimOpportunity(deps, participant(deps), { opportunityId: cash.id });

    expect((await getMonthlyBudgets(deps, viewer, org.id)).budgets).toEqual([
      { unit: "EUR", limit: null, committed: 1_000, spent: 0, remaining: null },
      { unit: "points", limit: 50, committed: 0, spent: 0, remaining: 50 },
    ]);
  });

  it("gives a withdrawn claim's charge back once, however often its ending is handled, for another participant", async () => {
    const deps = inMemoryDeps();
    const { org, viewer } = await organizationWithLimit(deps, { points: 50 });
    const opportunity = await activeOpportunity(deps, { orgId: org.id, reward: { type: "points", value: 50 } });
    const [alice, bob] = [participant(deps), participant(deps)];
    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    await expect(claimOpportunity(deps, bob, { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "budget_exhausted" });

    await withdrawClaim(deps, alice, claim.id);
    const [withdrawn] = deps.publisher.ofType("claim.withdrawn.v1");
    await eventConsumers.completeOpportunities(deps, withdrawn!);
    await eventConsumers.completeOpportunities(deps, withdrawn!);

    expect(await pointsIn(deps, org.id, viewer)).toMatchObject({ committed: 0, remaining: 50 });
    expect(await claimOpportunity(deps, bob, { opportunityId: opportunity.id })).toMatchObject({ status: "active" });
  });

  it("keeps a completed claim's charge and shows its issued reward as spent", async () => {
    const deps = inMemoryDeps();
    const { org, viewer } = await organizationWithLimit(deps, { points: 100 });
    const opportunity = await activeOpportunity(deps, { orgId: org.id, reward: { type: "points", value: 50 } });
    const alice = participant(deps);
    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    await submitWork(deps, alice, claim.id, { taskId: "taste", answers: validAnswers });
    await issueRewardForClaim(deps, claim.id);
    const [completed] = deps.publisher.ofType("claim.completed.v1");

    await eventConsumers.completeOpportunities(deps, completed!);

    expect(await pointsIn(deps, org.id, viewer)).toEqual({ unit: "points", limit: 100, committed: 50, spent: 50, remaining: 50 });
    // Closed: the month no longer holds the claim open, and a stray ending cannot give its charge back.
    expect(deps.monthlyBudgets.months.get(monthlyBudgetId(org.id, "2026-03", "points"))?.open.size).toBe(0);
  });

  it("gives back the charge of a reservation whose claim was never written, with its place", async () => {
    const deps = inMemoryDeps();
    const { org, viewer } = await organizationWithLimit(deps, { points: 50 });
    const opportunity = await activeOpportunity(deps, { orgId: org.id, reward: { type: "points", value: 50 } });
    const insert = deps.claims.insert.bind(deps.claims);
    deps.claims.insert = async () => {
      throw new AppError("unavailable", "the database is unavailable; try again");
    };
    await expect(claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "unavailable" });
    deps.claims.insert = insert;
    expect(await pointsIn(deps, org.id, viewer)).toMatchObject({ committed: 50 });

    deps.clock.advance(reservationGraceSeconds * 1_000 + 1);
    const stale = new Date(deps.clock.now().getTime() - reservationGraceSeconds * 1_000);
    expect(await settleStaleReservations(deps, { olderThan: stale, limit: 10 })).toEqual({ settled: 0, released: 1 });

    expect(await pointsIn(deps, org.id, viewer)).toMatchObject({ committed: 0, remaining: 50 });
    expect(await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id })).toMatchObject({ status: "active" });
  });

  it("lets readers of rewards see the budgets and only writers of rewards set them", async () => {
    const deps = inMemoryDeps();
    const { org, viewer, reviewer } = await organizationWithEveryRole(deps);

    await expect(setMonthlyBudgets(deps, viewer, org.id, { limits: { points: 10 } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getMonthlyBudgets(deps, reviewer, org.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getMonthlyBudgets(deps, participant(deps), org.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await getMonthlyBudgets(deps, viewer, org.id, "2025-12")).toEqual({ orgId: org.id, month: "2025-12", budgets: [] });
  });
});
