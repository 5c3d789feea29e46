import { randomBytes } from "node:crypto";
import { PubSub, type Message, type Subscription } from "@google-cloud/pubsub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainEventsDeadLetterTopic, domainEventsTopic } from "../../src/adapters/pubsub/topics.js";
import { taskRoutes } from "../../src/adapters/tasks/cloud-task-queue.js";
import { startHttpTarget } from "../integration/support/http-target.js";
import { eventually, platformEnv, uniqueName } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity } from "./support/scenario.js";
import { consumerNames } from "../../src/app/events/consumers.js";

// Messages that did not come from our own writes, sent straight to the local platform as anyone
// with publish rights on the topic, or network access to a task handler, could send them. The
// subscribers must act only on events the event log holds as they arrived, and dead-letter the
// rest; the task handlers must refuse a request without the invoker's OIDC token.

const database = platformDatabase();
const pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
let receiver: Awaited<ReturnType<typeof startHttpTarget>>;
let deadLetterSubscription: Subscription;
const deadLetters: Array<{ data: string; attributes: Record<string, string> }> = [];

beforeAll(async () => {
  receiver = await startHttpTarget();
  [deadLetterSubscription] = await pubsub.topic(domainEventsDeadLetterTopic).createSubscription(uniqueName("e2e-dead-letters"));
  deadLetterSubscription.on("message", (message: Message) => {
    deadLetters.push({ data: message.data.toString("utf8"), attributes: { ...message.attributes } });
    message.ack();
  });
});

afterAll(async () => {
  await deadLetterSubscription.close();
  await deadLetterSubscription.delete();
  await receiver.close();
  await pubsub.close();
  await database.close();
});

/**
 * An organization with a webhook endpoint for claims created and completed, and a participant
 * whose claim is open: no completed claim, so no reward is due. The genuine claim.created.v1 has
 * gone through the whole pipeline (the relay, the subscribers, a delivery task) once this returns.
 */
async function participantWithOpenClaim() {
  const { asOwner, orgId, opportunity } = await publishedOpportunity();
  const endpoint = await asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, {
    url: `${receiver.url}/forged`,
    eventTypes: ["claim.created.v1", "claim.completed.v1"],
  });
  expect(endpoint.status).toBe(201);
  const participant = apiClient((await signUpUser("participant")).idToken);
  const claim = await participant.post("/v1/claims", { opportunityId: opportunity.id });
  expect(claim.status).toBe(201);
  const claimId = claim.body.id as string;
  const messages = database.db.collection<{ _id: string; eventId: string; status: string; attempts: unknown[] }>("webhook_messages");
  const created = await eventually(async () => {
    const event = await database.db.collection<{ _id: string; type: string; data: Record<string, unknown> }>("events").findOne({ type: "claim.created.v1", "data.claimId": claimId });
    const message = event && (await messages.findOne({ eventId: event._id, status: "delivered" }));
    return event && message ? { event, message } : undefined;
  }, 30_000);
  return { orgId, opportunityId: opportunity.id as string, participant, claimId, userId: claim.body.userId as string, created };
}

/** The dead letters of the event, by the subscriber that refused it. */
const deadLettersOf = (eventId: string) =>
  deadLetters.filter((letter) => (JSON.parse(letter.data) as { id?: string }).id === eventId).map((letter) => letter.attributes);

/** Waits, bounded, until every subscriber has dead-lettered the event: the positive sign that each handled it. */
async function refusedByEverySubscriber(eventId: string) {
  return eventually(() => {
    const by = deadLettersOf(eventId).map((attributes) => attributes.deadLetterSubscriber);
    return consumerNames.every((consumer) => by.includes(consumer)) ? deadLettersOf(eventId) : undefined;
  }, 30_000);
}

describe("forged and tampered events", () => {
  it("are dead-lettered by both subscribers, and pay no reward and sign no webhook", async () => {
    const { orgId, opportunityId, participant, claimId, userId, created } = await participantWithOpenClaim();
    const now = new Date().toISOString();
    // Well formed, about a real claim of a real user, with an id no write of ours recorded.
    const forged = {
      id: `evt_${randomBytes(12).toString("hex")}`,
      type: "claim.completed.v1",
      version: 1,
      orgId,
      occurredAt: now,
      data: { claimId, opportunityId, userId, completedAt: now },
    };
    // The genuine claim.created.v1's id, made to say the claim completed.
    const tampered = { ...forged, id: created.event._id };
    const topic = pubsub.topic(domainEventsTopic);
    for (const event of [forged, tampered]) {
      await topic.publishMessage({ json: event, attributes: { type: event.type, eventId: event.id, orgId } });
    }

    for (const event of [forged, tampered]) {
      const letters = await refusedByEverySubscriber(event.id);
      expect(letters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ deadLetterReason: "event.unverified", deadLetterSubscriber: "issueRewards", eventId: event.id, type: event.type }),
          expect.objectContaining({ deadLetterReason: "event.unverified", deadLetterSubscriber: "fanOutWebhooks", eventId: event.id, type: event.type }),
          expect.objectContaining({ deadLetterReason: "event.unverified", deadLetterSubscriber: "completeOpportunities", eventId: event.id, type: event.type }),
        ]),
      );
    }

    const { db } = database;
    expect(await db.collection("rewards").countDocuments({ claimId })).toBe(0);
    expect((await participant.get("/v1/rewards/points")).body.points).toBe(0);
    expect(await db.collection<{ _id: string; status: string }>("claims").findOne({ _id: claimId })).toMatchObject({ status: "active" });
    expect(await db.collection("webhook_messages").countDocuments({ eventId: forged.id })).toBe(0);
    expect(await db.collection("webhook_messages").countDocuments({ eventId: tampered.id })).toBe(1);
    const signed = receiver.received.map((request) => JSON.parse(request.body) as { type: string; data: { claimId?: string } });
    expect(signed.filter((body) => body.data.claimId === claimId).map((body) => body.type)).toEqual(["claim.created.v1"]);
  });

  it("a message that is not a domain event is dead-lettered as it arrived", async () => {
    const marker = `not-an-event-${randomBytes(6).toString("hex")}`;
    await pubsub.topic(domainEventsTopic).publishMessage({ data: Buffer.from(marker), attributes: { type: "claim.completed.v1" } });

    const letters = await eventually(() => {
      const found = deadLetters.filter((letter) => letter.data === marker);
      return found.length >= consumerNames.length ? found : undefined;
    }, 30_000);
    expect(letters.map((letter) => letter.attributes.deadLetterSubscriber).sort()).toEqual([...consumerNames].sort());
    expect(letters.every((letter) => letter.attributes.deadLetterReason === "event.malformed" && letter.attributes.type === "claim.completed.v1")).toBe(true);
  });
});

describe("task handlers called directly", () => {
  let delivered: { messageId: string; requests: () => number };

  beforeAll(async () => {
    // A webhook message delivered by its task: the emulator's token for the invoker passed the check.
    const { created } = await participantWithOpenClaim();
    const messageId = created.message._id;
    delivered = { messageId, requests: () => receiver.received.filter((request) => request.headers["webhook-id"] === messageId).length };
  });

  it.each([
    ["without a token", undefined],
    ["with a token that is not one", "Bearer forged"],
    ["with a token of another scheme", `Basic ${Buffer.from("tasks:tasks").toString("base64")}`],
  ])("refuse deliverWebhook %s with 401 and deliver nothing", async (_, authorization) => {
    const requestsBefore = delivered.requests();

    const response = await fetch(`${platformEnv("USERX_FUNCTIONS_URL")}/${taskRoutes["webhook.deliver.v1"].functionName}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ kind: "webhook.deliver.v1", messageId: delivered.messageId }),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, code: "unauthenticated" });
    const stored = await database.db.collection<{ _id: string; attempts: unknown[] }>("webhook_messages").findOne({ _id: delivered.messageId });
    expect(stored?.attempts).toHaveLength(1);
    expect(delivered.requests()).toBe(requestsBefore);
  });

  it("refuse relayOutbox without a token with 401", async () => {
    const response = await fetch(`${platformEnv("USERX_FUNCTIONS_URL")}/${taskRoutes["outbox.relay.v1"].functionName}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "outbox.relay.v1", aggregate: "claim", id: "clm_0000000000000000" }),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "unauthenticated" });
  });
});
