import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { submitWork } from "../../../../src/app/claims/submit-work.js";
import { withdrawClaim } from "../../../../src/app/claims/withdraw-claim.js";
import { consumeEvent } from "../../../../src/app/events/consume-event.js";
import { ClaimOut } from "../../../../src/contracts/claims.js";
import { activeOpportunity, participant, surveyTask, validAnswers } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

/** Alice's claim on an opportunity of one survey task and `capacity` places. */
async function aliceClaim(deps: InMemoryDeps, capacity = 1) {
  const opportunity = await activeOpportunity(deps, { tasks: [surveyTask("only")], capacity });
  const alice = participant(deps);
  const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
  return { opportunity, alice, claimId: claim.id };
}

const placesTaken = async (deps: InMemoryDeps, opportunityId: string) => (await deps.opportunities.findById(opportunityId))?.claimsCount;

describe("withdrawClaim", () => {
  it("withdraws the claim, gives its place back and publishes claim.withdrawn.v1", async () => {
    const deps = inMemoryDeps();
    const { opportunity, alice, claimId } = await aliceClaim(deps);

    const answer = await withdrawClaim(deps, alice, claimId);

    expect(ClaimOut.safeParse(answer).success).toBe(true);
    expect(answer).toMatchObject({ id: claimId, status: "withdrawn", withdrawnAt: "2026-03-02T09:00:00.000Z" });
    expect(await placesTaken(deps, opportunity.id)).toBe(0);
    expect(deps.publisher.ofType("claim.withdrawn.v1")).toMatchObject([{ data: { claimId, opportunityId: opportunity.id, userId: alice.userId } }]);
    const bob = participant(deps);
    await expect(claimOpportunity(deps, bob, { opportunityId: opportunity.id })).resolves.toMatchObject({ status: "active" });
  });

  it("refuses a second withdrawal with invalid_state and gives no second place back", async () => {
    const deps = inMemoryDeps();
    const { opportunity, alice, claimId } = await aliceClaim(deps, 3);
    await withdrawClaim(deps, alice, claimId);

    await expect(withdrawClaim(deps, alice, claimId)).rejects.toMatchObject({ code: "invalid_state" });

    expect(await placesTaken(deps, opportunity.id)).toBe(0);
    expect(deps.publisher.ofType("claim.withdrawn.v1")).toHaveLength(1);
  });

  it("refuses a completed claim with invalid_state and keeps its place", async () => {
    const deps = inMemoryDeps();
    const { opportunity, alice, claimId } = await aliceClaim(deps);
    await submitWork(deps, alice, claimId, { taskId: "only", answers: validAnswers });

    await expect(withdrawClaim(deps, alice, claimId)).rejects.toMatchObject({ code: "invalid_state" });

    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "completed", withdrawnAt: null });
    expect(await placesTaken(deps, opportunity.id)).toBe(1);
  });

  it("answers not_found for someone else's claim and changes nothing", async () => {
    const deps = inMemoryDeps();
    const { opportunity, claimId } = await aliceClaim(deps);

    await expect(withdrawClaim(deps, participant(deps), claimId)).rejects.toMatchObject({ code: "not_found" });

    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "active" });
    expect(await placesTaken(deps, opportunity.id)).toBe(1);
  });

  it("refuses the submission that would complete a claim withdrawn meanwhile", async () => {
    const deps = inMemoryDeps();
    const { opportunity, alice, claimId } = await aliceClaim(deps);

    const [withdrawal, submission] = await Promise.allSettled([
      withdrawClaim(deps, alice, claimId),
      submitWork(deps, alice, claimId, { taskId: "only", answers: validAnswers }),
    ]);

    const claim = await deps.claims.findById(claimId);
    const withdrew = withdrawal.status === "fulfilled";
    expect(withdrew).not.toBe(submission.status === "fulfilled");
    expect(claim?.status).toBe(withdrew ? "withdrawn" : "completed");
    expect(await placesTaken(deps, opportunity.id)).toBe(withdrew ? 0 : 1);
    const refused = withdrew ? submission : withdrawal;
    expect(refused).toMatchObject({ status: "rejected", reason: { code: "invalid_state" } });
  });

  it("gives the place back once, whether the request or the event's delivery gets there first", async () => {
    const deps = inMemoryDeps();
    const { opportunity, alice, claimId } = await aliceClaim(deps, 2);
    await withdrawClaim(deps, alice, claimId);
    const [event] = deps.publisher.ofType("claim.withdrawn.v1");

    const outcome = await consumeEvent(deps, "completeOpportunities", event!);

    expect(outcome).toEqual({ handled: true, outcome: "place returned_before" });
    expect(await placesTaken(deps, opportunity.id)).toBe(0);
  });

  it("finishes giving the place back when an earlier attempt stopped after saving the claim", async () => {
    const deps = inMemoryDeps();
    const { opportunity, alice, claimId } = await aliceClaim(deps, 2);
    const returnPlace = deps.opportunities.returnPlace.bind(deps.opportunities);
    deps.opportunities.returnPlace = async () => {
      throw new Error("crashed between the claim's write and the place's");
    };
    await expect(withdrawClaim(deps, alice, claimId)).rejects.toThrow("crashed");
    expect(await placesTaken(deps, opportunity.id)).toBe(1);
    deps.opportunities.returnPlace = returnPlace;

    await expect(withdrawClaim(deps, alice, claimId)).rejects.toMatchObject({ code: "invalid_state" });

    expect(await placesTaken(deps, opportunity.id)).toBe(0);
  });
});
