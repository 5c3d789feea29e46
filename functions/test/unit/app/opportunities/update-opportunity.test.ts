import { describe, expect, it } from "vitest";
import { changeOpportunityStatus } from "../../../../src/app/opportunities/change-opportunity-status.js";
import { createOpportunity } from "../../../../src/app/opportunities/create-opportunity.js";
import { updateOpportunity } from "../../../../src/app/opportunities/update-opportunity.js";
import { OpportunityPatch } from "../../../../src/contracts/opportunities.js";
import { opportunityIn, organizationWithEveryRole, participant } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

async function draftOfAcme(deps: InMemoryDeps, overrides: Parameters<typeof opportunityIn>[0] = {}) {
  const acme = await organizationWithEveryRole(deps);
  const draft = await createOpportunity(deps, acme.owner, opportunityIn({ orgId: acme.org.id, ...overrides }));
  return { ...acme, opportunityId: draft.id };
}

const patch = (input: unknown) => OpportunityPatch.parse(input);

describe("updateOpportunity", () => {
  it("changes only the fields sent, and says so in the answer and the store", async () => {
    const deps = inMemoryDeps();
    const { owner, opportunityId } = await draftOfAcme(deps);
    deps.clock.advance(1_000);

    const answer = await updateOpportunity(deps, owner, opportunityId, patch({ title: "Renamed", capacity: 3 }));

    expect(answer).toMatchObject({ title: "Renamed", capacity: 3, description: "", status: "draft", updatedAt: deps.clock.now().toISOString() });
    expect(await deps.opportunities.findById(opportunityId)).toMatchObject({ title: "Renamed", capacity: 3, version: 2 });
  });

  it("loses no update when two patches race: each lands on the other's result", async () => {
    const deps = inMemoryDeps();
    const { owner, admin, opportunityId } = await draftOfAcme(deps);

    await Promise.all([updateOpportunity(deps, owner, opportunityId, patch({ title: "By owner" })), updateOpportunity(deps, admin, opportunityId, patch({ description: "By admin" }))]);

    expect(await deps.opportunities.findById(opportunityId)).toMatchObject({ title: "By owner", description: "By admin", version: 3 });
  });

  it("refuses a title change while active: invalid_state naming it, nothing saved", async () => {
    const deps = inMemoryDeps();
    const { owner, opportunityId } = await draftOfAcme(deps);
    await changeOpportunityStatus(deps, owner, opportunityId, "publish");
    const before = await deps.opportunities.findById(opportunityId);

    await expect(updateOpportunity(deps, owner, opportunityId, patch({ title: "Too late", capacity: 50 }))).rejects.toMatchObject({ code: "invalid_state", details: { currentStatus: "active", fields: ["title"] } });
    expect(await deps.opportunities.findById(opportunityId)).toEqual(before);
  });

  it("schedules a new expiry check when a live opportunity's expiry moves later; the old task is left to find itself stale", async () => {
    const deps = inMemoryDeps();
    const { owner, opportunityId } = await draftOfAcme(deps, { expiresAt: "2026-03-02T10:00:00.000Z" });
    await changeOpportunityStatus(deps, owner, opportunityId, "publish");

    await updateOpportunity(deps, owner, opportunityId, patch({ expiresAt: "2026-03-02T12:00:00.000Z", description: "longer" }));
    await updateOpportunity(deps, owner, opportunityId, patch({ description: "no new task for this" }));

    expect(deps.tasks.enqueued.map((t) => t.payload)).toEqual([
      { kind: "opportunity.expire.v1", opportunityId, expiresAt: "2026-03-02T10:00:00.000Z", checkAt: "2026-03-02T10:00:00.000Z" },
      { kind: "opportunity.expire.v1", opportunityId, expiresAt: "2026-03-02T12:00:00.000Z", checkAt: "2026-03-02T12:00:00.000Z" },
    ]);
  });

  it("schedules nothing for a draft: its check is scheduled when it is published", async () => {
    const deps = inMemoryDeps();
    const { owner, opportunityId } = await draftOfAcme(deps);
    await updateOpportunity(deps, owner, opportunityId, patch({ expiresAt: "2026-03-05T00:00:00.000Z" }));
    expect(deps.tasks.enqueued).toEqual([]);
  });

  it("forbids a viewer and hides the opportunity from strangers", async () => {
    const deps = inMemoryDeps();
    const { viewer, opportunityId } = await draftOfAcme(deps);
    await expect(updateOpportunity(deps, viewer, opportunityId, patch({ title: "x" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateOpportunity(deps, participant(deps), opportunityId, patch({ title: "x" }))).rejects.toMatchObject({ code: "not_found" });
  });
});
