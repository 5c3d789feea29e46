import { describe, expect, it } from "vitest";
import { deliverWebhookMessage } from "../../../../src/app/webhooks/deliver-webhook-message.js";
import { fanOutEvent } from "../../../../src/app/webhooks/fan-out-event.js";
import { replayMissingEvents, replayMissingWebhookMessages } from "../../../../src/app/webhooks/replay-missing-messages.js";
import { updateAggregate } from "../../../../src/app/shared/update-aggregate.js";
import type { DomainEvent } from "../../../../src/contracts/events.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";
import { messageIdFor } from "../../../../src/domain/webhooks/webhook-message.js";
import { organizationWithEveryRole, storedEndpoint } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

async function world() {
  const deps = inMemoryDeps();
  const people = await organizationWithEveryRole(deps);
  const endpoint = await storedEndpoint(deps, people.org.id, ["opportunity.published.v1"], { createdAt: deps.clock.now() });
  return { deps, ...people, endpoint };
}

/** An event committed and relayed: logged, then fanned out to the endpoints that take it now. */
async function happen(deps: InMemoryDeps, orgId: string, type: "opportunity.published.v1" | "opportunity.paused.v1" | "opportunity.archived.v1" = "opportunity.published.v1"): Promise<DomainEvent> {
  deps.clock.advance(1_000);
  const event = domainEvent(type, orgId, { opportunityId: "opp_0000000000000001" }, deps.ids.next("evt"), deps.clock.now());
  await deps.eventLog.record([event]);
  await fanOutEvent(deps, event);
  deps.clock.advance(1_000); // a replay asked for now covers it: its window ends before the request
  return event;
}

/** Runs the replay task the request queued, then the delivery tasks it queued; returns what it made. */
async function runReplay(deps: InMemoryDeps, from: number): Promise<number> {
  const replay = deps.tasks.enqueued[from]!.payload;
  if (replay.kind !== "webhook.replay.v1") throw new Error("expected the replay task");
  const deliveriesFrom = deps.tasks.enqueued.length;
  const made = await replayMissingEvents(deps, replay);
  for (const { payload } of deps.tasks.enqueued.slice(deliveriesFrom)) {
    if (payload.kind === "webhook.deliver.v1") await deliverWebhookMessage(deps, payload.messageId, payload.attempt);
  }
  return made;
}

const setStatus = (deps: InMemoryDeps, id: string, status: "enabled" | "disabled") => updateAggregate(deps.webhookEndpoints, id, (current) => ({ next: { ...current, status } }));

describe("replaying what an endpoint missed", () => {
  it("sends the events that happened while it was disabled, once, however often it is asked", async () => {
    const { deps, org, owner, endpoint } = await world();
    const since = deps.clock.now().toISOString();
    const received = await happen(deps, org.id);
    await deliverWebhookMessage(deps, messageIdFor(received.id, endpoint.id), 1);
    await setStatus(deps, endpoint.id, "disabled");
    const missedA = await happen(deps, org.id);
    const missedB = await happen(deps, org.id);
    await setStatus(deps, endpoint.id, "enabled");
    const sent = deps.sender.requests.length;

    const from = deps.tasks.enqueued.length;
    const replay = await replayMissingWebhookMessages(deps, owner, org.id, endpoint.id, { since });
    expect(replay).toMatchObject({ endpointId: endpoint.id, replayId: expect.stringMatching(/^rpl_/), since, until: deps.clock.now().toISOString() });
    // Nothing is sent inside the request: one task is queued.
    expect(deps.tasks.enqueued.slice(from).map((t) => t.payload.kind)).toEqual(["webhook.replay.v1"]);
    expect(deps.sender.requests).toHaveLength(sent);
    expect(await runReplay(deps, from)).toBe(2);
    expect(deps.sender.requests.slice(sent).map((r) => r.messageId).sort()).toEqual([messageIdFor(missedA.id, endpoint.id), messageIdFor(missedB.id, endpoint.id)].sort());

    // The same task run again, and a second replay, make and send nothing.
    expect(await runReplay(deps, from)).toBe(0);
    const again = deps.tasks.enqueued.length;
    await replayMissingWebhookMessages(deps, owner, org.id, endpoint.id, { since });
    expect(await runReplay(deps, again)).toBe(0);
    expect(deps.sender.requests).toHaveLength(sent + 2);
  });

  it("sends events its filter left out once it takes them, but not those it still leaves out, nor another organization's", async () => {
    const { deps, org, owner, endpoint } = await world();
    const since = deps.clock.now().toISOString();
    const paused = await happen(deps, org.id, "opportunity.paused.v1");
    await happen(deps, org.id, "opportunity.archived.v1");
    const other = await organizationWithEveryRole(deps);
    await happen(deps, other.org.id, "opportunity.paused.v1");
    await updateAggregate(deps.webhookEndpoints, endpoint.id, (current) => ({ next: { ...current, eventTypes: ["opportunity.published.v1", "opportunity.paused.v1"] } }));
    const sent = deps.sender.requests.length;
    const from = deps.tasks.enqueued.length;
    await replayMissingWebhookMessages(deps, owner, org.id, endpoint.id, { since });
    expect(await runReplay(deps, from)).toBe(1);
    expect(deps.sender.requests.slice(sent).map((r) => r.messageId)).toEqual([messageIdFor(paused.id, endpoint.id)]);
  });

  it("sends nothing from before the endpoint existed, nor to a disabled endpoint; a message left without its task gets one", async () => {
    const { deps, org, owner } = await world();
    const since = deps.clock.now().toISOString();
    await happen(deps, org.id);
    deps.clock.advance(1_000);
    const late = await storedEndpoint(deps, org.id, ["opportunity.published.v1"], { createdAt: deps.clock.now() });
    let from = deps.tasks.enqueued.length;
    await replayMissingWebhookMessages(deps, owner, org.id, late.id, { since });
    expect(await runReplay(deps, from)).toBe(0);

    await setStatus(deps, late.id, "disabled");
    const missed = await happen(deps, org.id);
    from = deps.tasks.enqueued.length;
    await replayMissingWebhookMessages(deps, owner, org.id, late.id, { since });
    expect(await runReplay(deps, from)).toBe(0);

    // A run stopped after making the message and before queueing its task: the next one queues it.
    await setStatus(deps, late.id, "enabled");
    const task = { endpointId: late.id, since, until: deps.clock.now().toISOString() };
    const made = deps.tasks.enqueued.length;
    expect(await replayMissingEvents(deps, task)).toBe(1);
    deps.tasks.enqueued.splice(made);
    expect(await replayMissingEvents(deps, task)).toBe(0);
    expect(deps.tasks.enqueued.slice(made).map((t) => t.payload)).toEqual([{ kind: "webhook.deliver.v1", messageId: messageIdFor(missed.id, late.id), attempt: 1 }]);
  });

  it("is refused to a viewer and for a time in the future", async () => {
    const { deps, org, owner, viewer, endpoint } = await world();
    await expect(replayMissingWebhookMessages(deps, viewer, org.id, endpoint.id, { since: deps.clock.now().toISOString() })).rejects.toMatchObject({ code: "forbidden" });
    await expect(replayMissingWebhookMessages(deps, owner, org.id, endpoint.id, { since: new Date(deps.clock.now().getTime() + 60_000).toISOString() })).rejects.toMatchObject({ code: "validation_failed" });
  });
});
