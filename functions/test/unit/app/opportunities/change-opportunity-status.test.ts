import { describe, expect, it } from "vitest";
import { changeOpportunityStatus } from "../../../../src/app/opportunities/change-opportunity-status.js";
import { createOpportunity } from "../../../../src/app/opportunities/create-opportunity.js";
import { getOpportunity, listOpportunities } from "../../../../src/app/opportunities/read-opportunities.js";
import type { OpportunityTransition } from "../../../../src/domain/opportunities/lifecycle.js";
import { opportunityIn, organizationWithEveryRole, participant, storedApiKey } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

async function publishedOfAcme(deps: InMemoryDeps, overrides: Parameters<typeof opportunityIn>[0] = {}) {
  const acme = await organizationWithEveryRole(deps);
  const draft = await createOpportunity(deps, acme.owner, opportunityIn({ orgId: acme.org.id, ...overrides }));
  await changeOpportunityStatus(deps, acme.owner, draft.id, "publish");
  return { ...acme, opportunityId: draft.id };
}

const lifecycleTypes = ["opportunity.published.v1", "opportunity.paused.v1", "opportunity.resumed.v1", "opportunity.completed.v1", "opportunity.archived.v1"];
const lifecycleEvents = (deps: InMemoryDeps) => deps.publisher.published.filter((e) => lifecycleTypes.includes(e.type));

describe("changeOpportunityStatus", () => {
  it("walks the whole life, each move saved and announced once, in order", async () => {
    const deps = inMemoryDeps();
    const { owner, opportunityId, org } = await publishedOfAcme(deps);

    const steps: Array<[OpportunityTransition, string]> = [["pause", "paused"], ["resume", "active"], ["pause", "paused"], ["complete", "completed"], ["archive", "archived"]];
    for (const [transition, status] of steps) {
      deps.clock.advance(1_000);
      expect(await changeOpportunityStatus(deps, owner, opportunityId, transition)).toMatchObject({ id: opportunityId, status, updatedAt: deps.clock.now().toISOString() });
    }

    expect(lifecycleEvents(deps).map((e) => e.type)).toEqual([
      "opportunity.published.v1",
      "opportunity.paused.v1",
      "opportunity.resumed.v1",
      "opportunity.paused.v1",
      "opportunity.completed.v1",
      "opportunity.archived.v1",
    ]);
    expect(deps.publisher.ofType("opportunity.completed.v1")).toMatchObject([{ orgId: org.id, data: { opportunityId, reason: "manual" } }]);
    expect(await deps.opportunities.findById(opportunityId)).toMatchObject({ status: "archived", completionReason: "manual", version: 7 });
    expect(await deps.outbox.pending({ aggregate: "opportunity", id: opportunityId })).toEqual([]);
  });

  it("refuses pausing a paused opportunity: invalid_state, nothing saved, nothing announced", async () => {
    const deps = inMemoryDeps();
    const { owner, opportunityId } = await publishedOfAcme(deps);
    await changeOpportunityStatus(deps, owner, opportunityId, "pause");
    const before = await deps.opportunities.findById(opportunityId);

    await expect(changeOpportunityStatus(deps, owner, opportunityId, "pause")).rejects.toMatchObject({ code: "invalid_state", details: { currentStatus: "paused", transition: "pause" } });
    expect(await deps.opportunities.findById(opportunityId)).toEqual(before);
    expect(deps.publisher.ofType("opportunity.paused.v1")).toHaveLength(1);
  });

  it("takes a key with opportunities:write, and refuses a viewer, a reviewer and a stranger", async () => {
    const deps = inMemoryDeps();
    const { org, viewer, reviewer, opportunityId } = await publishedOfAcme(deps);
    const { principal: key } = await storedApiKey(deps, org.id, ["opportunities:write"]);

    await expect(changeOpportunityStatus(deps, viewer, opportunityId, "pause")).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeOpportunityStatus(deps, reviewer, opportunityId, "pause")).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeOpportunityStatus(deps, participant(deps), opportunityId, "pause")).rejects.toMatchObject({ code: "not_found" });
    expect(await changeOpportunityStatus(deps, key, opportunityId, "pause")).toMatchObject({ status: "paused" });
  });

  it("deletes a draft without announcing it; the draft is not found afterwards, for any move or read", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await organizationWithEveryRole(deps);
    const draft = await createOpportunity(deps, owner, opportunityIn({ orgId: org.id }));

    expect(await changeOpportunityStatus(deps, owner, draft.id, "delete")).toMatchObject({ id: draft.id, status: "deleted" });

    expect(deps.publisher.published).toEqual([]);
    for (const transition of ["delete", "publish", "pause"] as const) {
      await expect(changeOpportunityStatus(deps, owner, draft.id, transition)).rejects.toMatchObject({ code: "not_found" });
    }
    await expect(getOpportunity(deps, owner, draft.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listOpportunities(deps, owner, { orgId: org.id, limit: 20, sort: "-createdAt", eligibility: "eligible" })).data).toEqual([]);
  });

  it("refuses deleting a published opportunity: invalid_state", async () => {
    const deps = inMemoryDeps();
    const { owner, opportunityId } = await publishedOfAcme(deps);
    await expect(changeOpportunityStatus(deps, owner, opportunityId, "delete")).rejects.toMatchObject({ code: "invalid_state", details: { currentStatus: "active", transition: "delete" } });
    expect(await deps.opportunities.findById(opportunityId)).toMatchObject({ status: "active" });
  });

  it("shows a paused and a completed opportunity to participants, not an archived one", async () => {
    const deps = inMemoryDeps();
    const { owner, opportunityId } = await publishedOfAcme(deps);
    const someone = participant(deps);
    for (const [transition, visible] of [["pause", true], ["complete", true], ["archive", false]] as const) {
      await changeOpportunityStatus(deps, owner, opportunityId, transition);
      if (visible) await expect(getOpportunity(deps, someone, opportunityId)).resolves.toMatchObject({ id: opportunityId });
      else await expect(getOpportunity(deps, someone, opportunityId)).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("settles 10 racing pause, resume and complete calls on one state, with exactly the events of the moves that landed", async () => {
    const deps = inMemoryDeps();
    const { owner, admin, opportunityId } = await publishedOfAcme(deps);
    const moves: OpportunityTransition[] = ["pause", "resume", "complete", "pause", "resume", "pause", "complete", "resume", "pause", "complete"];

    const results = await Promise.allSettled(moves.map((move, i) => changeOpportunityStatus(deps, i % 2 ? owner : admin, opportunityId, move)));

    const landed = results.filter((r) => r.status === "fulfilled").length;
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "invalid_state" });
    const stored = (await deps.opportunities.findById(opportunityId))!;
    expect(stored.version).toBe(2 + landed);
    const events = lifecycleEvents(deps).slice(1);
    expect(events).toHaveLength(landed);
    expect(deps.publisher.ofType("opportunity.completed.v1")).toHaveLength(stored.status === "completed" ? 1 : 0);
    const replayed = events.reduce((status, e) => ({ "opportunity.paused.v1": "paused", "opportunity.resumed.v1": "active", "opportunity.completed.v1": "completed" })[e.type as string] ?? status, "active");
    expect(stored.status).toBe(replayed);
  });

  it("schedules the expiry check at publish, named after the opportunity and its expiry", async () => {
    const deps = inMemoryDeps();
    const { opportunityId } = await publishedOfAcme(deps, { expiresAt: "2026-03-02T10:00:00.000Z" });
    const expiresAt = new Date("2026-03-02T10:00:00.000Z").getTime();
    expect(deps.tasks.enqueued).toEqual([
      {
        payload: { kind: "opportunity.expire.v1", opportunityId, expiresAt: "2026-03-02T10:00:00.000Z", checkAt: "2026-03-02T10:00:00.000Z" },
        delaySeconds: 3_600,
        name: `opportunity-expiry-${opportunityId}-${expiresAt}-${expiresAt}`,
      },
    ]);
  });

  it("publishes nothing when the expiry check cannot be scheduled: unavailable, still a draft, safe to retry", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await organizationWithEveryRole(deps);
    const draft = await createOpportunity(deps, owner, opportunityIn({ orgId: org.id, expiresAt: "2026-03-02T10:00:00.000Z" }));
    deps.tasks.down = true;

    await expect(changeOpportunityStatus(deps, owner, draft.id, "publish")).rejects.toMatchObject({ code: "unavailable" });
    expect(await deps.opportunities.findById(draft.id)).toMatchObject({ status: "draft", version: 1 });

    deps.tasks.down = false;
    expect(await changeOpportunityStatus(deps, owner, draft.id, "publish")).toMatchObject({ status: "active" });
  });
});
