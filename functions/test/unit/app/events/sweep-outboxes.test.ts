import { describe, expect, it } from "vitest";
import { sweepOutboxes } from "../../../../src/app/events/sweep-outboxes.js";
import { openClaim } from "../../../../src/domain/claims/claim.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";
import { activeOpportunity, participant } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

/** A claim whose claim.created.v1 was written but never relayed, as after a crash. */
async function strandedClaim(deps: InMemoryDeps) {
  const opportunity = await activeOpportunity(deps);
  const { userId } = participant(deps);
  const claim = openClaim(opportunity, userId, deps.ids.next("clm"), deps.clock.now());
  const event = domainEvent("claim.created.v1", claim.orgId, { claimId: claim.id, opportunityId: opportunity.id, userId }, deps.ids.next("evt"), deps.clock.now());
  await deps.claims.insert(claim, [event]);
  return { claim, event };
}

describe("sweepOutboxes", () => {
  it("leaves events younger than the grace period to the relay their write started", async () => {
    const deps = inMemoryDeps();
    await strandedClaim(deps);
    deps.clock.advance(30_000);
    expect(await sweepOutboxes(deps, { graceSeconds: 60, limit: 10 })).toEqual({ relayed: 0, failed: 0 });
    expect(deps.publisher.published).toEqual([]);
  });

  it("relays events a crash left behind, once", async () => {
    const deps = inMemoryDeps();
    const { claim, event } = await strandedClaim(deps);
    deps.clock.advance(120_000);
    expect(await sweepOutboxes(deps, { graceSeconds: 60, limit: 10 })).toEqual({ relayed: 1, failed: 0 });
    expect(await sweepOutboxes(deps, { graceSeconds: 60, limit: 10 })).toEqual({ relayed: 0, failed: 0 });
    expect(deps.publisher.published).toEqual([event]);
    expect(await deps.outbox.pending({ aggregate: "claim", id: claim.id })).toEqual([]);
  });

  it("counts a document Pub/Sub refuses as failed and keeps its events for the next sweep", async () => {
    const deps = inMemoryDeps();
    const { claim } = await strandedClaim(deps);
    deps.clock.advance(120_000);
    deps.publisher.down = true;
    expect(await sweepOutboxes(deps, { graceSeconds: 60, limit: 10 })).toEqual({ relayed: 0, failed: 1 });
    expect(await deps.outbox.pending({ aggregate: "claim", id: claim.id })).toHaveLength(1);
    expect(deps.logger.entries).toEqual([
      { level: "warn", code: "outbox.sweep.failed", fields: { aggregate: "claim", id: claim.id, cause: "AppError: Pub/Sub is unreachable" } },
    ]);
  });
});
