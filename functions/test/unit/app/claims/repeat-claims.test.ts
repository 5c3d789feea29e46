import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { submitWork } from "../../../../src/app/claims/submit-work.js";
import { withdrawClaim } from "../../../../src/app/claims/withdraw-claim.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { activeOpportunity, participant, validAnswers } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const hourMs = 3_600_000;
const claimsOf = (deps: InMemoryDeps, userId: string) => deps.claims.table.all().filter((c) => c.userId === userId);
const placesTaken = async (deps: InMemoryDeps, opportunityId: string) => (await deps.opportunities.findById(opportunityId))?.claimsCount;
const codeOf = (result: PromiseSettledResult<unknown>) => (result.status === "rejected" && result.reason instanceof AppError ? result.reason.code : result.status);

describe("claimOpportunity: repeat claims", () => {
  it("lets a participant claim again after each claim ends and the cooldown passes, up to the limit; each claim earns its own completion", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { maxClaimsPerUser: 2, claimCooldownMinutes: 60 });
    const alice = participant(deps);

    const first = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    await submitWork(deps, alice, first.id, { taskId: "taste", answers: validAnswers });
    await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "claim_cooldown", details: { claimId: first.id } });

    deps.clock.advance(hourMs);
    const second = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    expect(second).toMatchObject({ sequence: 2, status: "active" });
    await submitWork(deps, alice, second.id, { taskId: "taste", answers: validAnswers });

    deps.clock.advance(hourMs);
    await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id })).rejects.toMatchObject({
      code: "claim_limit_reached",
      details: { claimId: second.id, maxClaimsPerUser: 2 },
    });
    expect(claimsOf(deps, alice.userId).map((c) => [c.sequence, c.status])).toEqual([
      [1, "completed"],
      [2, "completed"],
    ]);
    expect(deps.publisher.ofType("claim.completed.v1").map((e) => e.data.claimId)).toEqual([first.id, second.id]);
    expect(await placesTaken(deps, opportunity.id)).toBe(2);
  });

  it("counts a withdrawn claim toward the limit, and its place goes back", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { maxClaimsPerUser: 2 });
    const alice = participant(deps);
    const first = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    await withdrawClaim(deps, alice, first.id);
    const second = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    await withdrawClaim(deps, alice, second.id);

    await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "claim_limit_reached" });
    expect(await placesTaken(deps, opportunity.id)).toBe(0);
  });

  it("keeps answering a retry of an earlier claim's request with that claim, never a new one", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { maxClaimsPerUser: 5 });
    const alice = participant(deps);
    const first = await claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "first-claim" });
    await withdrawClaim(deps, alice, first.id);
    const second = await claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "second-claim" });
    await withdrawClaim(deps, alice, second.id);

    expect(await claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "first-claim" })).toMatchObject({ id: first.id, sequence: 1 });
    expect(await claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "second-claim" })).toMatchObject({ id: second.id, sequence: 2 });
    expect(claimsOf(deps, alice.userId)).toHaveLength(2);
  });

  it("makes one next claim when one participant's requests for it race, taking one place", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { maxClaimsPerUser: 3 });
    const alice = participant(deps);
    const first = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    await withdrawClaim(deps, alice, first.id);

    const results = await Promise.allSettled([1, 2, 3].map((n) => claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: `racer-${n}` })));

    expect(results.map(codeOf).sort()).toEqual(["already_claimed", "already_claimed", "fulfilled"]);
    expect(claimsOf(deps, alice.userId).map((c) => [c.sequence, c.status])).toEqual([
      [1, "withdrawn"],
      [2, "active"],
    ]);
    expect(await placesTaken(deps, opportunity.id)).toBe(1);
    expect(deps.opportunities.reservations.get(opportunity.id) ?? []).toEqual([]);
  });

  it("keeps the one-claim rule of opportunities that set no limit: claim_limit_reached after the claim ends", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps);
    const alice = participant(deps);
    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    await withdrawClaim(deps, alice, claim.id);
    await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "claim_limit_reached", details: { claimId: claim.id, maxClaimsPerUser: 1 } });
  });
});
