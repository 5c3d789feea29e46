import { execFileSync } from "node:child_process";
import { PubSub } from "@google-cloud/pubsub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainEventsTopic } from "../../src/adapters/pubsub/topics.js";
import { startHttpTarget } from "../integration/support/http-target.js";
import { eventually, platformEnv } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { watchEventPipeline, type EventPipeline } from "./support/event-pipeline.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// Delivery guarantees of the event pipeline: duplicates change nothing, and events written while
// Pub/Sub is unreachable are all delivered once it is back. Neither test sleeps and then looks:
// each waits until the pipeline has handled every copy of the events it checks (see
// support/event-pipeline.ts), so "nothing doubled" is asserted after the doubles went through.

const database = platformDatabase();
const pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
let receiver: Awaited<ReturnType<typeof startHttpTarget>>;
let pipeline: EventPipeline;

beforeAll(async () => {
  receiver = await startHttpTarget();
  pipeline = await watchEventPipeline(database.db);
});

afterAll(async () => {
  await receiver.close();
  await pipeline.close();
  await pubsub.close();
  await database.close();
});

async function completedClaim(opportunityId: string) {
  const participant = apiClient((await signUpUser("participant")).idToken);
  const claim = await participant.post("/v1/claims", { opportunityId });
  expect(claim.status).toBe(201);
  const submission = await participant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers);
  expect(submission.body.status).toBe("approved");
  return { claimId: claim.body.id as string, participant };
}

/** The stored event of `type` about the claim; the relay stores it before it publishes it. */
async function storedEvent(type: string, claimId: string) {
  const events = database.db.collection<{ _id: string; type: string; data: Record<string, unknown> }>("events");
  return eventually(async () => (await events.findOne({ type, "data.claimId": claimId })) ?? undefined);
}

const webhookIdsFor = (eventType: string, claimId: string) =>
  new Set(
    receiver.received
      .filter((r) => {
        const body = JSON.parse(r.body) as { type: string; data: { claimId?: string } };
        return body.type === eventType && body.data.claimId === claimId;
      })
      .map((r) => String(r.headers["webhook-id"])),
  );

const requestsWithWebhookId = (webhookId: string) => receiver.received.filter((r) => r.headers["webhook-id"] === webhookId);

/** The event's webhook messages; each must be delivered, after one attempt, in one request. */
async function expectDeliveredOnce(eventId: string) {
  const messages = await database.db.collection<{ _id: string; status: string; attempts: unknown[] }>("webhook_messages").find({ eventId }).toArray();
  expect(messages.map((m) => ({ status: m.status, attempts: m.attempts.length, requests: requestsWithWebhookId(m._id).length }))).toEqual([
    { status: "delivered", attempts: 1, requests: 1 },
  ]);
  return messages[0]!._id;
}

describe("event delivery", () => {
  it("the same claim.completed message delivered three times gives one reward and one webhook message", { timeout: 90_000 }, async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity();
    const endpoint = await asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, { url: `${receiver.url}/dup`, eventTypes: ["claim.completed.v1"] });
    expect(endpoint.status).toBe(201);
    const { claimId, participant } = await completedClaim(opportunity.id);
    const { _id: eventId, ...rest } = await storedEvent("claim.completed.v1", claimId);
    await pipeline.settle([eventId]);

    const topic = pubsub.topic(domainEventsTopic);
    for (let i = 0; i < 2; i++) {
      await topic.publishMessage({ json: { id: eventId, ...rest }, attributes: { type: "claim.completed.v1", eventId } });
    }
    // Both subscribers have handled every copy, and no delivery task of the message is left.
    await pipeline.settle([eventId]);

    const copies = pipeline.copiesOf(eventId);
    expect(copies).toBeGreaterThanOrEqual(3);
    const handled = await pipeline.outcomes(eventId);
    // Each subscriber handled the event once; its inbox skipped every later copy.
    expect(handled.issueRewards.filter((outcome) => outcome !== "already_handled")).toEqual(["reward issued"]);
    expect(handled.issueRewards.length).toBeGreaterThanOrEqual(copies);
    expect(handled.fanOutWebhooks.filter((outcome) => outcome !== "already_handled")).toEqual(["webhook messages for 1 endpoints"]);
    expect(handled.fanOutWebhooks.length).toBeGreaterThanOrEqual(copies);

    const { db } = database;
    const rewards = await db.collection<{ _id: string }>("rewards").find({ claimId }).toArray();
    expect(rewards).toMatchObject([{ status: "issued" }]);
    expect(await db.collection("points_ledger").countDocuments({ rewardId: rewards[0]!._id })).toBe(1);
    expect((await participant.get("/v1/rewards/points")).body.points).toBe(50);
    const webhookId = await expectDeliveredOnce(eventId);
    expect(webhookIdsFor("claim.completed.v1", claimId)).toEqual(new Set([webhookId]));
  });

  it("delivers every event written while Pub/Sub was stopped once it is back", { timeout: 240_000 }, async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity();
    const endpoint = await asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, { url: `${receiver.url}/outage`, eventTypes: ["claim.completed.v1", "reward.issued.v1"] });
    expect(endpoint.status).toBe(201);
    const { db } = database;
    const claims = db.collection<{ _id: string; outbox?: Array<{ type: string }> }>("claims");
    const pid = pubsubPid();
    process.kill(pid, "SIGSTOP");
    const completed: Array<Awaited<ReturnType<typeof completedClaim>>> = [];
    try {
      for (let i = 0; i < 3; i++) completed.push(await completedClaim(opportunity.id));
      // While Pub/Sub is down the events wait in the claims' outboxes.
      const waiting = await claims.countDocuments({ _id: { $in: completed.map((c) => c.claimId) }, "outbox.type": "claim.completed.v1" });
      expect(waiting).toBe(3);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    const claimIds = completed.map((c) => c.claimId);

    // The end state: both events of every claim delivered, every reward issued and credited, and
    // every outbox empty, so no relay has anything left to publish.
    const rewards = db.collection<{ _id: string; claimId: string; status: string; outbox?: unknown[] }>("rewards");
    await eventually(async () => {
      const delivered = claimIds.every((claimId) => webhookIdsFor("claim.completed.v1", claimId).size > 0 && webhookIdsFor("reward.issued.v1", claimId).size > 0);
      const claimOutboxes = await claims.countDocuments({ _id: { $in: claimIds }, "outbox.0": { $exists: true } });
      const issued = await rewards.find({ claimId: { $in: claimIds }, status: "issued", "outbox.0": { $exists: false } }).toArray();
      return delivered && claimOutboxes === 0 && issued.length === claimIds.length ? true : undefined;
    }, 120_000);
    const rewardIds = (await rewards.find({ claimId: { $in: claimIds } }).toArray()).map((r) => r._id);
    // A relay attempt that read an outbox before it was emptied may still be publishing; one
    // that starts from now on reads an empty outbox and publishes nothing.
    await eventually(async () => {
      const sources = new Set([...claimIds, ...rewardIds]);
      const running = (await pipeline.tasks("outbox.relay.v1")).filter((t) => t.running && t.payload.kind === "outbox.relay.v1" && sources.has(t.payload.id));
      return running.length === 0 ? true : undefined;
    });

    // Pub/Sub took every publish the stopped server had received once it resumed, and the relays
    // retried the rest: there may be several copies of each event. Wait until all were handled.
    const eventIds: string[] = [];
    for (const claimId of claimIds) {
      eventIds.push((await storedEvent("claim.completed.v1", claimId))._id, (await storedEvent("reward.issued.v1", claimId))._id);
    }
    await pipeline.settle(eventIds, 60_000);

    for (const eventId of eventIds) await expectDeliveredOnce(eventId);
    for (const claimId of claimIds) {
      expect(webhookIdsFor("claim.completed.v1", claimId).size).toBe(1);
      expect(webhookIdsFor("reward.issued.v1", claimId).size).toBe(1);
      const completedEvent = await storedEvent("claim.completed.v1", claimId);
      expect((await pipeline.outcomes(completedEvent._id)).issueRewards.filter((outcome) => outcome !== "already_handled" && outcome !== "reward already_issued")).toEqual(["reward issued"]);
    }
    expect(await rewards.countDocuments({ claimId: { $in: claimIds } })).toBe(3);
    expect(await db.collection("events").countDocuments({ type: "reward.issued.v1", "data.claimId": { $in: claimIds } })).toBe(3);
    expect(await db.collection("points_ledger").countDocuments({ rewardId: { $in: rewardIds } })).toBe(3);
    for (const { participant } of completed) expect((await participant.get("/v1/rewards/points")).body.points).toBe(50);
  });
});

function pubsubPid(): number {
  const pids = execFileSync("pgrep", ["-f", "userx-pubsub"], { encoding: "utf8" }).trim().split("\n").map(Number);
  if (pids.length !== 1 || !pids[0]) throw new Error(`expected one userx-pubsub process, found ${pids.join(", ")}`);
  return pids[0];
}
