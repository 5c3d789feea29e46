import { describe, expect, it } from "vitest";
import { dispatchEvents, relayOutbox } from "../../../../src/app/events/relay-outbox.js";
import { DomainEvent } from "../../../../src/contracts/events.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { openClaim } from "../../../../src/domain/claims/claim.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";
import type { OutboxSource } from "../../../../src/ports/outbox.js";
import { activeOpportunity, participant } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

/** A claim stored with two events waiting in its outbox. */
async function claimWithTwoEvents(deps: InMemoryDeps) {
  const opportunity = await activeOpportunity(deps);
  const { userId } = participant(deps);
  const claim = openClaim(opportunity, userId, deps.ids.next("clm"), deps.clock.now());
  const data = { claimId: claim.id, opportunityId: opportunity.id, userId };
  const completedData = { ...data, completedAt: deps.clock.now().toISOString() };
  const events = [
    domainEvent("claim.created.v1", claim.orgId, data, deps.ids.next("evt"), deps.clock.now()),
    domainEvent("claim.completed.v1", claim.orgId, completedData, deps.ids.next("evt"), deps.clock.now()),
  ];
  await deps.claims.insert(claim, events);
  const source: OutboxSource = { aggregate: "claim", id: claim.id };
  return { source, events };
}

describe("relayOutbox", () => {
  it("publishes the waiting events in order and moves them to the event log", async () => {
    const deps = inMemoryDeps();
    const { source, events } = await claimWithTwoEvents(deps);

    expect(await relayOutbox(deps, source)).toBe(2);

    expect(deps.publisher.published).toEqual(events);
    expect(deps.publisher.published.every((e) => DomainEvent.safeParse(e).success)).toBe(true);
    expect(await deps.outbox.pending(source)).toEqual([]);
    expect(deps.eventLog.entries).toEqual(events);
  });

  it("records every event in the log before it publishes the first, so no subscriber receives an event the log lacks", async () => {
    const deps = inMemoryDeps();
    const { source, events } = await claimWithTwoEvents(deps);
    const loggedAtPublish: string[][] = [];
    const publish = deps.publisher.publish.bind(deps.publisher);
    deps.publisher.publish = async (event) => {
      loggedAtPublish.push(deps.eventLog.entries.map((logged) => logged.id));
      await publish(event);
    };

    await relayOutbox(deps, source);

    expect(loggedAtPublish).toEqual([events.map((e) => e.id), events.map((e) => e.id)]);
  });

  it("publishes nothing more when run again", async () => {
    const deps = inMemoryDeps();
    const { source } = await claimWithTwoEvents(deps);
    await relayOutbox(deps, source);

    expect(await relayOutbox(deps, source)).toBe(0);
    expect(deps.publisher.published).toHaveLength(2);
  });

  it("has nothing to relay for a document that does not exist", async () => {
    const deps = inMemoryDeps();
    expect(await relayOutbox(deps, { aggregate: "reward", id: "rwd_0000000000000404" })).toBe(0);
  });

  it("fails while Pub/Sub is down and leaves the events logged and in the outbox, to be sent again", async () => {
    const deps = inMemoryDeps();
    const { source, events } = await claimWithTwoEvents(deps);
    deps.publisher.down = true;

    await expect(relayOutbox(deps, source)).rejects.toMatchObject({ code: "unavailable" });
    expect(await deps.outbox.pending(source)).toEqual(events);
    expect(deps.eventLog.entries).toEqual(events);

    deps.publisher.down = false;
    expect(await relayOutbox(deps, source)).toBe(2);
    expect(deps.publisher.published).toEqual(events);
    expect(deps.eventLog.entries).toEqual(events);
    expect(await deps.outbox.pending(source)).toEqual([]);
  });

  it("fails when the log cannot record the events, before publishing any", async () => {
    const deps = inMemoryDeps();
    const { source, events } = await claimWithTwoEvents(deps);
    deps.eventLog.record = async () => {
      throw new AppError("unavailable", "the database is unavailable; try again");
    };

    await expect(relayOutbox(deps, source)).rejects.toMatchObject({ code: "unavailable" });
    expect(deps.publisher.published).toEqual([]);
    expect(await deps.outbox.pending(source)).toEqual(events);
  });
});

describe("dispatchEvents", () => {
  it("publishes right away when Pub/Sub is up", async () => {
    const deps = inMemoryDeps();
    const { source } = await claimWithTwoEvents(deps);

    expect(await dispatchEvents(deps, source)).toBe("published");
    expect(deps.publisher.published).toHaveLength(2);
    expect(deps.tasks.enqueued).toEqual([]);
    expect(deps.logger.entries).toEqual([]);
  });

  it("defers to a relay task when Pub/Sub is down", async () => {
    const deps = inMemoryDeps();
    const { source } = await claimWithTwoEvents(deps);
    deps.publisher.down = true;

    expect(await dispatchEvents(deps, source)).toBe("deferred");
    expect(deps.tasks.enqueued).toEqual([{ payload: { kind: "outbox.relay.v1", ...source }, delaySeconds: 2 }]);
    expect(await deps.outbox.pending(source)).toHaveLength(2);
    expect(deps.logger.entries).toEqual([{ level: "warn", code: "outbox.dispatch.deferred", fields: { ...source, cause: "AppError: Pub/Sub is unreachable" } }]);
  });

  it("never throws, even with Cloud Tasks down too: the events stay in the outbox", async () => {
    const deps = inMemoryDeps();
    const { source } = await claimWithTwoEvents(deps);
    deps.publisher.down = true;
    deps.tasks.down = true;

    expect(await dispatchEvents(deps, source)).toBe("stranded");
    expect(await deps.outbox.pending(source)).toHaveLength(2);
    expect(deps.logger.entries).toEqual([
      { level: "error", code: "outbox.dispatch.stranded", fields: { ...source, cause: expect.any(String), enqueueCause: expect.any(String) } },
    ]);
  });
});
