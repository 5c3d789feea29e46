import { describe, expect, it } from "vitest";
import type { DeadLetterTopic, ReceivedMessage, Refusal } from "../../../src/adapters/pubsub/dead-letter-topic.js";
import type { DomainEvent } from "../../../src/contracts/events.js";
import { AppError } from "../../../src/domain/app-error.js";
import { eventHandler } from "../../../src/triggers/pubsub/event-handler.js";
import { completedClaim } from "../support/completed-claim.js";
import { activeOpportunity, participant, storedEndpoint } from "../support/fixtures.js";
import { claimOpportunity } from "../../../src/app/claims/claim-opportunity.js";
import { inMemoryDeps, type InMemoryDeps } from "../support/in-memory-ports.js";

// The subscribers act only on events our own writes recorded in the event log: a forged event
// (well formed, unknown id), a tampered one (known id, other contents) and anything that is not a
// domain event are dead-lettered as they arrived, logged, and acknowledged.

class RecordingDeadLetters implements DeadLetterTopic {
  readonly published: Array<{ message: ReceivedMessage; refusal: Refusal }> = [];
  down = false;

  async publish(message: ReceivedMessage, refusal: Refusal) {
    if (this.down) throw new AppError("unavailable", "Pub/Sub is unreachable");
    this.published.push(structuredClone({ message, refusal }));
  }
}

function subscriberDeps() {
  const deps = { ...inMemoryDeps(), deadLetters: new RecordingDeadLetters() };
  const handlers = {
    issueRewards: eventHandler("issueRewards", () => deps),
    fanOutWebhooks: eventHandler("fanOutWebhooks", () => deps),
  };
  /** Delivers the message to both subscribers, as Pub/Sub does. */
  const deliver = async (message: ReceivedMessage) => {
    await handlers.issueRewards({ data: { message } });
    await handlers.fanOutWebhooks({ data: { message } });
  };
  return { deps, deliver };
}

let messageCount = 0;
function messageOf(event: unknown, attributes: Record<string, string> = {}): ReceivedMessage {
  return { data: Buffer.from(JSON.stringify(event)).toString("base64"), attributes, messageId: String(++messageCount) };
}

/** A participant with a claim that is not completed, and a webhook endpoint of the organization subscribed to completions. */
async function openClaimWithEndpoint(deps: InMemoryDeps) {
  const opportunity = await activeOpportunity(deps);
  const bob = participant(deps);
  const claim = await claimOpportunity(deps, bob, { opportunityId: opportunity.id });
  await storedEndpoint(deps, opportunity.orgId, ["claim.completed.v1"]);
  return { opportunity, bob, claim };
}

function expectNothingDone(deps: InMemoryDeps) {
  expect(deps.rewards.table.all()).toEqual([]);
  expect(deps.ledger.all()).toEqual([]);
  expect(deps.webhookMessages.table.all()).toEqual([]);
  expect(deps.tasks.enqueued).toEqual([]);
}

describe("event subscribers", () => {
  it("act on a genuine event: the one the relay recorded before publishing it", async () => {
    const { deps, deliver } = subscriberDeps();
    const { completed, alice } = await completedClaim(deps);
    await storedEndpoint(deps, completed.orgId, ["claim.completed.v1"]);

    await deliver(messageOf(completed, { type: completed.type, eventId: completed.id }));

    expect(deps.rewards.table.all()).toMatchObject([{ claimId: completed.data.claimId, userId: alice.userId, status: "issued" }]);
    expect(await deps.ledger.balance(alice.userId)).toBe(50);
    expect(deps.webhookMessages.table.all()).toMatchObject([{ eventId: completed.id }]);
    expect(deps.deadLetters.published).toEqual([]);
    expect(deps.logger.entries.filter((entry) => entry.code.startsWith("event.")).map((entry) => [entry.code, entry.fields.subscriber, entry.fields.outcome])).toEqual([
      ["event.handled", "issueRewards", "reward issued"],
      ["event.handled", "fanOutWebhooks", "webhook messages for 1 endpoints"],
    ]);
    expect([...deps.inbox.handled.values()].map(({ consumer, eventId, outcome }) => ({ consumer, eventId, outcome }))).toEqual([
      { consumer: "issueRewards", eventId: completed.id, outcome: "reward issued" },
      { consumer: "fanOutWebhooks", eventId: completed.id, outcome: "webhook messages for 1 endpoints" },
    ]);
  });

  it("dead-letter a forged event, well formed with an id no write recorded, and act on nothing", async () => {
    const { deps, deliver } = subscriberDeps();
    const { opportunity, bob, claim } = await openClaimWithEndpoint(deps);
    const forged = {
      id: "evt_F0rgedF0rgedF0rged",
      type: "claim.completed.v1",
      version: 1,
      orgId: opportunity.orgId,
      occurredAt: deps.clock.now().toISOString(),
      data: { claimId: claim.id, opportunityId: opportunity.id, userId: bob.userId, completedAt: deps.clock.now().toISOString() },
    };
    const message = messageOf(forged, { type: forged.type, eventId: forged.id });

    await deliver(message);

    expectNothingDone(deps);
    expect(deps.deadLetters.published).toEqual([
      { message, refusal: { subscriber: "issueRewards", reason: "event.unverified" } },
      { message, refusal: { subscriber: "fanOutWebhooks", reason: "event.unverified" } },
    ]);
    expect(deps.logger.entries).toContainEqual({
      level: "warn",
      code: "event.unverified",
      fields: { subscriber: "fanOutWebhooks", messageId: message.messageId, eventId: forged.id, type: forged.type, verdict: "unknown" },
    });
  });

  it("dead-letter a tampered event, a recorded id with other contents, and act on nothing", async () => {
    const { deps, deliver } = subscriberDeps();
    const { claim } = await openClaimWithEndpoint(deps);
    // claim.created.v1 of Bob's claim is genuine and in the log; the copy says the claim completed.
    const [created] = deps.outbox.log.filter((event): event is Extract<DomainEvent, { type: "claim.created.v1" }> => event.type === "claim.created.v1" && event.data.claimId === claim.id);
    if (!created) throw new Error("claim.created.v1 was not logged");
    const tampered = [
      { ...created, type: "claim.completed.v1", data: { ...created.data, completedAt: deps.clock.now().toISOString() } },
      { ...created, orgId: "org_0therOrganization01" },
      { ...created, data: { ...created.data, userId: participant(deps).userId } },
      { ...created, occurredAt: new Date(deps.clock.now().getTime() - 1).toISOString() },
    ];

    for (const event of tampered) await deliver(messageOf(event));

    expectNothingDone(deps);
    expect(deps.deadLetters.published.map(({ refusal }) => refusal.reason)).toEqual(Array.from({ length: 8 }, () => "event.unverified"));
    expect(deps.logger.entries.filter((entry) => entry.code === "event.unverified").map((entry) => entry.fields.verdict)).toEqual(Array.from({ length: 8 }, () => "differs"));
  });

  it("dead-letter a message that is not a domain event at all", async () => {
    const { deps, deliver } = subscriberDeps();
    const notJson: ReceivedMessage = { data: Buffer.from("pay me").toString("base64"), attributes: { type: "claim.completed.v1" }, messageId: "m-1" };
    const unknownType = messageOf({ id: "evt_0000000000000001", type: "payout.requested.v1", version: 1 });

    await deliver(notJson);
    await deliver(unknownType);

    expectNothingDone(deps);
    expect(deps.deadLetters.published.map(({ message, refusal }) => [message.messageId, refusal.subscriber, refusal.reason])).toEqual([
      ["m-1", "issueRewards", "event.malformed"],
      ["m-1", "fanOutWebhooks", "event.malformed"],
      [unknownType.messageId, "issueRewards", "event.malformed"],
      [unknownType.messageId, "fanOutWebhooks", "event.malformed"],
    ]);
    expect(deps.logger.entries).toContainEqual({ level: "warn", code: "event.malformed", fields: { subscriber: "issueRewards", messageId: "m-1" } });
  });

  it("leave a refused message to Pub/Sub's redelivery while the dead-letter topic cannot take it", async () => {
    const { deps, deliver } = subscriberDeps();
    deps.deadLetters.down = true;

    await expect(deliver(messageOf({ id: "evt_F0rgedF0rgedF0rged" }))).rejects.toMatchObject({ code: "unavailable" });
  });

  it("leave an event to Pub/Sub's redelivery while the event log cannot be read, and act on nothing", async () => {
    const { deps, deliver } = subscriberDeps();
    const { completed } = await completedClaim(deps);
    deps.eventLog.findById = async () => {
      throw new AppError("unavailable", "the database is unavailable; try again");
    };

    await expect(deliver(messageOf(completed))).rejects.toMatchObject({ code: "unavailable" });
    expect(deps.rewards.table.all()).toEqual([]);
    expect(deps.deadLetters.published).toEqual([]);
  });

  it("skip a redelivered event their inbox holds: the consumer does not run again", async () => {
    const { deps, deliver } = subscriberDeps();
    const { completed } = await completedClaim(deps);
    await storedEndpoint(deps, completed.orgId, ["claim.completed.v1"]);
    await deliver(messageOf(completed));
    const tasksAfterFirst = deps.tasks.enqueued.length;

    await deliver(messageOf(completed));

    expect(deps.tasks.enqueued).toHaveLength(tasksAfterFirst);
    expect(deps.logger.entries.filter((entry) => entry.code === "event.skipped").map((entry) => [entry.fields.subscriber, entry.fields.reason])).toEqual([
      ["issueRewards", "already_handled"],
      ["fanOutWebhooks", "already_handled"],
    ]);
  });

  it("leave an event unrecorded when the consumer fails, so the redelivery handles it", async () => {
    const { deps, deliver } = subscriberDeps();
    const { completed, alice } = await completedClaim(deps);
    deps.faults.remaining.set("subscriber.issueRewards.claim.completed.v1", 2);

    await expect(deps.faults.failIfInjected("nothing armed here")).resolves.toBeUndefined();
    await expect(deliver(messageOf(completed))).rejects.toMatchObject({ code: "unavailable" });
    await expect(deliver(messageOf(completed))).rejects.toMatchObject({ code: "unavailable" });
    expect(deps.inbox.handled.has(`issueRewards:${completed.id}`)).toBe(false);
    expect(deps.logger.entries.filter((entry) => entry.code === "event.retry")).toHaveLength(2);

    await deliver(messageOf(completed));
    expect(deps.inbox.handled.get(`issueRewards:${completed.id}`)?.outcome).toBe("reward issued");
    expect(await deps.ledger.balance(alice.userId)).toBe(50);
  });

  it("leave an event to redelivery when the inbox cannot be read, and act on nothing", async () => {
    const { deps, deliver } = subscriberDeps();
    const { completed } = await completedClaim(deps);
    deps.inbox.down = true;

    await expect(deliver(messageOf(completed))).rejects.toMatchObject({ code: "unavailable" });
    expect(deps.rewards.table.all()).toEqual([]);
  });
});
