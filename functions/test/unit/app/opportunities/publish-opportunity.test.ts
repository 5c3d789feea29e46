import { describe, expect, it } from "vitest";
import { createOpportunity } from "../../../../src/app/opportunities/create-opportunity.js";
import { changeOpportunityStatus } from "../../../../src/app/opportunities/change-opportunity-status.js";
import { opportunityIn, organizationWithEveryRole, participant } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const publishOpportunity = (deps: InMemoryDeps, principal: Parameters<typeof changeOpportunityStatus>[1], id: string) => changeOpportunityStatus(deps, principal, id, "publish");

async function draftOfAcme(deps: InMemoryDeps, overrides: Parameters<typeof opportunityIn>[0] = {}) {
  const acme = await organizationWithEveryRole(deps);
  const draft = await createOpportunity(deps, acme.owner, opportunityIn({ orgId: acme.org.id, ...overrides }));
  return { ...acme, draft };
}

describe("publishOpportunity", () => {
  it("opens the draft for claims and announces it with opportunity.published.v1", async () => {
    const deps = inMemoryDeps();
    const { owner, draft } = await draftOfAcme(deps);
    deps.clock.advance(60_000);

    const published = await publishOpportunity(deps, owner, draft.id);

    const now = deps.clock.now();
    expect(published).toMatchObject({ id: draft.id, status: "active", publishedAt: now.toISOString(), updatedAt: now.toISOString() });
    expect(await deps.opportunities.findById(draft.id)).toMatchObject({ status: "active", publishedAt: now });
    expect(deps.publisher.ofType("opportunity.published.v1")).toMatchObject([{ orgId: draft.orgId, data: { opportunityId: draft.id } }]);
    expect(await deps.outbox.pending({ aggregate: "opportunity", id: draft.id })).toEqual([]);
  });

  it("publishes a draft with an upload task: uploads are signed, stored and checked", async () => {
    const deps = inMemoryDeps();
    const upload = { id: "photo", type: "upload" as const, title: "Photo of the shelf", media: { kinds: ["image" as const], maxBytes: 5_000_000 } };
    const { owner, draft } = await draftOfAcme(deps, { tasks: [upload] });

    await publishOpportunity(deps, owner, draft.id);
    expect(await deps.opportunities.findById(draft.id)).toMatchObject({ status: "active" });
  });

  it("refuses to publish twice: invalid_state, announcing it once", async () => {
    const deps = inMemoryDeps();
    const { owner, draft } = await draftOfAcme(deps);
    await publishOpportunity(deps, owner, draft.id);

    await expect(publishOpportunity(deps, owner, draft.id)).rejects.toMatchObject({ code: "invalid_state" });
    expect(deps.publisher.ofType("opportunity.published.v1")).toHaveLength(1);
  });

  it("lets one of two racing publishes win, announcing it once; the other, decided again, finds it active", async () => {
    const deps = inMemoryDeps();
    const { owner, admin, draft } = await draftOfAcme(deps);

    const results = await Promise.allSettled([owner, admin].map((member) => publishOpportunity(deps, member, draft.id)));

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ code: "invalid_state" });
    expect(deps.publisher.ofType("opportunity.published.v1")).toHaveLength(1);
  });

  it("refuses a draft whose expiry has passed: invalid_state", async () => {
    const deps = inMemoryDeps();
    const { owner, draft } = await draftOfAcme(deps, { expiresAt: "2026-03-02T10:00:00.000Z" });
    deps.clock.advance(2 * 60 * 60_000);

    await expect(publishOpportunity(deps, owner, draft.id)).rejects.toMatchObject({ code: "invalid_state" });
    expect(await deps.opportunities.findById(draft.id)).toMatchObject({ status: "draft" });
  });

  it("forbids a viewer and hides the draft from strangers, leaving it a draft", async () => {
    const deps = inMemoryDeps();
    const { viewer, draft } = await draftOfAcme(deps);

    await expect(publishOpportunity(deps, viewer, draft.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(publishOpportunity(deps, participant(deps), draft.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(publishOpportunity(deps, participant(deps), "opp_0000000000000404")).rejects.toMatchObject({ code: "not_found" });
    expect(await deps.opportunities.findById(draft.id)).toMatchObject({ status: "draft" });
    expect(deps.publisher.published).toEqual([]);
  });

  it("publishes even while Pub/Sub is down: the announcement waits in the outbox for a relay task", async () => {
    const deps = inMemoryDeps();
    const { owner, draft } = await draftOfAcme(deps);
    deps.publisher.down = true;

    await publishOpportunity(deps, owner, draft.id);

    expect(await deps.opportunities.findById(draft.id)).toMatchObject({ status: "active" });
    expect(await deps.outbox.pending({ aggregate: "opportunity", id: draft.id })).toMatchObject([{ type: "opportunity.published.v1" }]);
    expect(deps.tasks.enqueued).toEqual([{ payload: { kind: "outbox.relay.v1", aggregate: "opportunity", id: draft.id }, delaySeconds: 2 }]);
  });
});
