import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoWebhookEndpointRepository } from "../../../src/adapters/mongo/webhook-endpoint-repository.js";
import { mongoWebhookMessageRepository } from "../../../src/adapters/mongo/webhook-message-repository.js";
import type { WebhookEndpoint, WebhookEndpointRepository, WebhookMessage, WebhookMessageRepository } from "../../../src/ports/repositories.js";
import { now, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let endpoints: WebhookEndpointRepository;
let messages: WebhookMessageRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_webhooks"));
  endpoints = mongoWebhookEndpointRepository(db);
  messages = mongoWebhookMessageRepository(db);
});

afterAll(() => drop());

const anEndpoint = (orgId: string, eventTypes: string[]): WebhookEndpoint => ({
  id: testId("whe"),
  orgId,
  url: "https://hooks.example.com/user-x",
  eventTypes,
  description: "",
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  createdAt: now,
  disabledAt: null,
});

const aMessage = (): WebhookMessage => ({
  id: testId("msg"),
  endpointId: testId("whe"),
  orgId: testId("org"),
  eventId: testId("evt"),
  eventType: "claim.completed.v1",
  payload: '{"type":"claim.completed.v1"}',
  status: "pending",
  attempts: [],
  createdAt: now,
  deliveredAt: null,
});

describe("mongoWebhookEndpointRepository", () => {
  it("finds the enabled endpoints of an organization subscribed to an event type", async () => {
    const orgId = testId("org");
    const subscribed = anEndpoint(orgId, ["claim.created.v1", "claim.completed.v1"]);
    const other = anEndpoint(orgId, ["reward.issued.v1"]);
    const disabled = { ...anEndpoint(orgId, ["claim.completed.v1"]), disabledAt: now };
    const elsewhere = anEndpoint(testId("org"), ["claim.completed.v1"]);
    for (const endpoint of [subscribed, other, disabled, elsewhere]) await endpoints.insert(endpoint);

    expect(await endpoints.findSubscribed(orgId, "claim.completed.v1")).toEqual([subscribed]);
    expect(await endpoints.findById(disabled.id)).toEqual(disabled);
  });
});

describe("mongoWebhookMessageRepository", () => {
  it("inserts a message once, telling only the first caller it did", async () => {
    const message = aMessage();
    const inserted = await concurrently(10, () => messages.insertOnce(message));
    expect(inserted.filter(Boolean)).toHaveLength(1);
    expect(await messages.findById(message.id)).toEqual(message);
  });

  it("logs every attempt and marks the message delivered on success", async () => {
    const message = aMessage();
    await messages.insertOnce(message);
    const failed = { at: secondsAfter(now, 1), status: 503, latencyMs: 120, responseExcerpt: "busy" };
    const timedOut = { at: secondsAfter(now, 6), status: null, latencyMs: 15_000, error: "timeout" };
    const delivered = { at: secondsAfter(now, 306), status: 200, latencyMs: 80 };

    await messages.recordAttempt(message.id, failed, false);
    await messages.recordAttempt(message.id, timedOut, false);
    expect(await messages.findById(message.id)).toMatchObject({ status: "pending", attempts: [failed, timedOut] });
    await messages.recordAttempt(message.id, delivered, true);

    expect(await messages.findById(message.id)).toEqual({ ...message, status: "delivered", deliveredAt: delivered.at, attempts: [failed, timedOut, delivered] });
    expect((await storedDocuments(db, "webhook_messages").findOne({ _id: message.id }))?.attempts[2]).toEqual(delivered);
  });
});
