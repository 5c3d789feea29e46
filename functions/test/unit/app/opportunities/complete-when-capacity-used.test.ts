import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { submitWork } from "../../../../src/app/claims/submit-work.js";
import { eventConsumers } from "../../../../src/app/events/consumers.js";
import { completeWhenCapacityUsed } from "../../../../src/app/opportunities/complete-when-capacity-used.js";
import { activeOpportunity, participant, validAnswers } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

async function claimedBy(deps: InMemoryDeps, opportunityId: string, count: number) {
  const people = Array.from({ length: count }, () => participant(deps));
  return Promise.all(people.map(async (person) => ({ person, claim: await claimOpportunity(deps, person, { opportunityId }) })));
}

const finish = (deps: InMemoryDeps, { person, claim }: Awaited<ReturnType<typeof claimedBy>>[number]) => submitWork(deps, person, claim.id, { taskId: "taste", answers: validAnswers });

describe("completeWhenCapacityUsed", () => {
  it("completes once every place is taken and every claim has ended, announcing it with reason capacity_reached", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { capacity: 2 });
    const [first, second] = await claimedBy(deps, opportunity.id, 2);

    await finish(deps, first!);
    expect(await completeWhenCapacityUsed(deps, opportunity.id)).toBe("claims_running");
    await finish(deps, second!);
    expect(await completeWhenCapacityUsed(deps, opportunity.id)).toBe("completed");
    expect(await completeWhenCapacityUsed(deps, opportunity.id)).toBe("not_live");

    expect(await deps.opportunities.findById(opportunity.id)).toMatchObject({ status: "completed", completionReason: "capacity_reached" });
    expect(deps.publisher.ofType("opportunity.completed.v1")).toMatchObject([{ data: { opportunityId: opportunity.id, reason: "capacity_reached" } }]);
  });

  it("leaves open an opportunity with places left, even when every claim has ended", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { capacity: 3 });
    for (const claimed of await claimedBy(deps, opportunity.id, 2)) await finish(deps, claimed);
    expect(await completeWhenCapacityUsed(deps, opportunity.id)).toBe("claims_running");
    expect(await deps.opportunities.findById(opportunity.id)).toMatchObject({ status: "active" });
  });

  it("completes once when the last two claims end together and both checks race", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { capacity: 2 });
    const claimed = await claimedBy(deps, opportunity.id, 2);
    await Promise.all(claimed.map((c) => finish(deps, c)));

    const outcomes = await Promise.all([completeWhenCapacityUsed(deps, opportunity.id), completeWhenCapacityUsed(deps, opportunity.id)]);

    expect(outcomes.sort()).toEqual(["completed", "not_live"]);
    expect(deps.publisher.ofType("opportunity.completed.v1")).toHaveLength(1);
  });

  it("runs as the completeOpportunities consumer of claim.completed.v1, and completes nothing on other events", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { capacity: 1 });
    const [only] = await claimedBy(deps, opportunity.id, 1);
    await finish(deps, only!);
    const [completed] = deps.publisher.ofType("claim.completed.v1");
    const [created] = deps.publisher.ofType("claim.created.v1");

    // claim.created.v1 schedules the deadline check of a claim still active (expire-claim.test.ts); this one has completed.
    expect(await eventConsumers.completeOpportunities(deps, created!)).toBe("deadline check ended");
    expect((await deps.opportunities.findById(opportunity.id))?.status).toBe("active");
    // The claim's monthly charge is kept once, however often the event comes.
    expect(await eventConsumers.completeOpportunities(deps, completed!)).toBe("opportunity completed, monthly charge kept");
    expect(await eventConsumers.completeOpportunities(deps, completed!)).toBe("opportunity not_live, monthly charge none");
  });
});
