import { describe, expect, it } from "vitest";
import { changeOpportunityStatus } from "../../../../src/app/opportunities/change-opportunity-status.js";
import { completeExpiredOpportunity } from "../../../../src/app/opportunities/complete-expired-opportunity.js";
import { createOpportunity } from "../../../../src/app/opportunities/create-opportunity.js";
import { updateOpportunity } from "../../../../src/app/opportunities/update-opportunity.js";
import { OpportunityPatch } from "../../../../src/contracts/opportunities.js";
import { opportunityIn, organizationWithEveryRole } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const expiresAt = "2026-03-02T10:00:00.000Z";

async function publishedExpiring(deps: InMemoryDeps, at = expiresAt) {
  const acme = await organizationWithEveryRole(deps);
  const draft = await createOpportunity(deps, acme.owner, opportunityIn({ orgId: acme.org.id, expiresAt: at }));
  await changeOpportunityStatus(deps, acme.owner, draft.id, "publish");
  const task = deps.tasks.enqueued.at(-1)!.payload;
  if (task.kind !== "opportunity.expire.v1") throw new Error("no expiry task");
  return { ...acme, opportunityId: draft.id, task };
}

describe("completeExpiredOpportunity", () => {
  it("completes an active opportunity once its expiry has come, announcing it with reason expired, once however often it runs", async () => {
    const deps = inMemoryDeps();
    const { opportunityId, task } = await publishedExpiring(deps);
    deps.clock.advance(60 * 60_000);

    expect(await completeExpiredOpportunity(deps, task)).toBe("completed");
    expect(await completeExpiredOpportunity(deps, task)).toBe("not_live");

    expect(await deps.opportunities.findById(opportunityId)).toMatchObject({ status: "completed", completionReason: "expired", completedAt: deps.clock.now() });
    expect(deps.publisher.ofType("opportunity.completed.v1")).toMatchObject([{ data: { opportunityId, reason: "expired" } }]);
  });

  it("completes a paused one too", async () => {
    const deps = inMemoryDeps();
    const { owner, opportunityId, task } = await publishedExpiring(deps);
    await changeOpportunityStatus(deps, owner, opportunityId, "pause");
    deps.clock.advance(60 * 60_000);
    expect(await completeExpiredOpportunity(deps, task)).toBe("completed");
  });

  it("does nothing for an expiry that has moved: the task for the old time is stale", async () => {
    const deps = inMemoryDeps();
    const { owner, opportunityId, task } = await publishedExpiring(deps);
    await updateOpportunity(deps, owner, opportunityId, OpportunityPatch.parse({ expiresAt: "2026-03-02T11:00:00.000Z" }));
    deps.clock.advance(60 * 60_000);

    expect(await completeExpiredOpportunity(deps, task)).toBe("stale");
    expect(await deps.opportunities.findById(opportunityId)).toMatchObject({ status: "active" });
    expect(deps.publisher.ofType("opportunity.completed.v1")).toEqual([]);
  });

  it("does nothing for one completed by hand first", async () => {
    const deps = inMemoryDeps();
    const { owner, opportunityId, task } = await publishedExpiring(deps);
    await changeOpportunityStatus(deps, owner, opportunityId, "complete");
    deps.clock.advance(60 * 60_000);
    expect(await completeExpiredOpportunity(deps, task)).toBe("not_live");
    expect(deps.publisher.ofType("opportunity.completed.v1")).toMatchObject([{ data: { reason: "manual" } }]);
  });

  it("throws a last check that runs early as transient, for Cloud Tasks to run it again", async () => {
    const deps = inMemoryDeps();
    const { opportunityId, task } = await publishedExpiring(deps);
    await expect(completeExpiredOpportunity(deps, task)).rejects.toMatchObject({ code: "unavailable" });
    expect(await deps.opportunities.findById(opportunityId)).toMatchObject({ status: "active" });
  });

  it("reaches an expiry months away by hops, each scheduling the next", async () => {
    const deps = inMemoryDeps();
    const { opportunityId, task } = await publishedExpiring(deps, "2026-06-01T00:00:00.000Z");
    expect(task.checkAt).toBe("2026-03-31T00:00:00.000Z");
    let next = task;
    for (;;) {
      deps.clock.advance(new Date(next.checkAt).getTime() - deps.clock.now().getTime());
      const outcome = await completeExpiredOpportunity(deps, next);
      if (outcome === "completed") break;
      expect(outcome).toBe("rescheduled");
      const scheduled = deps.tasks.enqueued.at(-1)!.payload;
      if (scheduled.kind !== "opportunity.expire.v1") throw new Error("no expiry task");
      next = scheduled;
    }
    expect(deps.tasks.enqueued.map((t) => (t.payload.kind === "opportunity.expire.v1" ? t.payload.checkAt : null))).toEqual([
      "2026-03-31T00:00:00.000Z",
      "2026-04-29T00:00:00.000Z",
      "2026-05-28T00:00:00.000Z",
      "2026-06-01T00:00:00.000Z",
    ]);
    expect(await deps.opportunities.findById(opportunityId)).toMatchObject({ status: "completed", completionReason: "expired" });
  });

  it("answers gone for an opportunity that does not exist", async () => {
    const deps = inMemoryDeps();
    expect(await completeExpiredOpportunity(deps, { kind: "opportunity.expire.v1", opportunityId: "opp_0000000000000404", expiresAt, checkAt: expiresAt })).toBe("gone");
  });
});
