import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { submitWork } from "../../../../src/app/claims/submit-work.js";
import { withdrawClaim } from "../../../../src/app/claims/withdraw-claim.js";
import { getOpportunityBudget } from "../../../../src/app/opportunities/read-opportunity-budget.js";
import { issueRewardForClaim } from "../../../../src/app/rewards/issue-reward.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { activeOpportunity, organizationWithEveryRole, participant, validAnswers } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";

const codeOf = (result: PromiseSettledResult<unknown>) => (result.status === "rejected" && result.reason instanceof AppError ? result.reason.code : result.status);

describe("claimOpportunity against a budget", () => {
  it("never commits more than the budget: of 8 racing participants, 3 claim on a budget for 3 and 5 get budget_exhausted", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { capacity: 10, budget: 150, reward: { type: "points", value: 50 } });
    const participants = Array.from({ length: 8 }, () => participant(deps));

    const results = await Promise.allSettled(participants.map((p) => claimOpportunity(deps, p, { opportunityId: opportunity.id })));

    expect(results.map(codeOf).filter((code) => code === "fulfilled")).toHaveLength(3);
    expect(results.map(codeOf).filter((code) => code === "budget_exhausted")).toHaveLength(5);
    expect((await deps.opportunities.findById(opportunity.id))?.claimsCount).toBe(3);
  });

  it("releases a withdrawn claim's share for another participant", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { budget: 50, reward: { type: "points", value: 50 } });
    const [alice, bob] = [participant(deps), participant(deps)];
    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    await expect(claimOpportunity(deps, bob, { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "budget_exhausted" });

    await withdrawClaim(deps, alice, claim.id);

    expect(await claimOpportunity(deps, bob, { opportunityId: opportunity.id })).toMatchObject({ status: "active" });
  });
});

describe("getOpportunityBudget", () => {
  it("shows what running claims commit and what issued rewards spent", async () => {
    const deps = inMemoryDeps();
    const { org, viewer } = await organizationWithEveryRole(deps);
    const opportunity = await activeOpportunity(deps, { orgId: org.id, budget: 200, reward: { type: "points", value: 50 } });
    const [alice, bob] = [participant(deps), participant(deps)];
    const done = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    await claimOpportunity(deps, bob, { opportunityId: opportunity.id });
    await submitWork(deps, alice, done.id, { taskId: "taste", answers: validAnswers });
    await issueRewardForClaim(deps, done.id);

    expect(await getOpportunityBudget(deps, viewer, opportunity.id)).toEqual({
      opportunityId: opportunity.id,
      unit: "points",
      limit: 200,
      costPerClaim: 50,
      committed: 100,
      spent: 50,
      remaining: 100,
    });
    await expect(getOpportunityBudget(deps, alice, opportunity.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
