import type { z } from "zod";
import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { insertIfAbsent, updateAggregate } from "../../../src/app/shared/update-aggregate.js";
import { withAttempt, WebhookAttempt } from "../../../src/domain/webhooks/webhook-message.js";
import type { WebhookEndpointRepository } from "../../../src/ports/webhook-endpoint-repository.js";
import type { WebhookMessageRepository } from "../../../src/ports/webhook-message-repository.js";
import { aMessage, anEndpoint, now, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, storedDocument, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let endpoints: WebhookEndpointRepository;
let messages: WebhookMessageRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_webhooks"));
  ({ webhookEndpoints: endpoints, webhookMessages: messages } = mongoRepositories(db));
});

afterAll(() => drop());

/** Logs an attempt as app/webhooks/deliver-webhook-message.ts does. */
const recordAttempt = (id: string, attempt: z.input<typeof WebhookAttempt>, delivered: boolean) =>
  updateAggregate(messages, id, (current) => ({ next: withAttempt(current, attempt, delivered) }), { attempts: 20 });

describe("mongoWebhookEndpointRepository", () => {
  it("stores an endpoint with its secret (encrypted: webhook-secret-at-rest.test.ts) and reads it back, as version 1", async () => {
    const endpoint = anEndpoint(testId("org"), ["claim.completed.v1"]);
    await endpoints.insert(endpoint);
    expect(await endpoints.findById(endpoint.id)).toEqual(endpoint);
    expect(await storedDocument(db, "webhook_endpoints", endpoint.id)).toMatchObject({ secret: { v: 1 }, version: 1 });
  });

  it("finds the endpoints of an organization subscribed to an event type, oldest first", async () => {
    const orgId = testId("org");
    const subscribed = anEndpoint(orgId, ["claim.created.v1", "claim.completed.v1"], secondsAfter(now, 1));
    const earlier = anEndpoint(orgId, ["claim.completed.v1"]);
    const other = anEndpoint(orgId, ["reward.issued.v1"]);
    const elsewhere = anEndpoint(testId("org"), ["claim.completed.v1"]);
    for (const endpoint of [subscribed, earlier, other, elsewhere]) await endpoints.insert(endpoint);

    expect(await endpoints.findSubscribed(orgId, "claim.completed.v1")).toEqual([earlier, subscribed]);
    expect(await endpoints.findSubscribed(orgId, "opportunity.published.v1")).toEqual([]);
  });
});

describe("mongoWebhookMessageRepository", () => {
  it("inserts a message once, telling only the first caller it did", async () => {
    const message = aMessage();
    const inserted = await concurrently(10, () => insertIfAbsent(messages, message));
    expect(inserted.filter(Boolean)).toHaveLength(1);
    expect(await messages.findById(message.id)).toEqual(message);
  });

  it("logs every attempt and marks the message delivered on success", async () => {
    const message = aMessage();
    await messages.insert(message);
    const failed = { at: secondsAfter(now, 1), status: 503, latencyMs: 120, responseExcerpt: "busy", trigger: "scheduled" as const, nextDelayMs: null };
    const timedOut = { at: secondsAfter(now, 6), status: null, latencyMs: 15_000, error: "timeout", trigger: "scheduled" as const, nextDelayMs: null };
    const delivered = { at: secondsAfter(now, 306), status: 200, latencyMs: 80, trigger: "scheduled" as const, nextDelayMs: null };

    await recordAttempt(message.id, failed, false);
    await recordAttempt(message.id, timedOut, false);
    expect(await messages.findById(message.id)).toMatchObject({ status: "pending", attempts: [failed, timedOut], version: 3 });
    await recordAttempt(message.id, delivered, true);

    expect(await messages.findById(message.id)).toEqual({ ...message, status: "delivered", deliveredAt: delivered.at, lastActivityAt: delivered.at, attempts: [failed, timedOut, delivered], version: 4 });
    expect((await storedDocument(db, "webhook_messages", message.id))?.attempts[2]).toEqual(delivered);
  });

  it("keeps every attempt logged at the same time, and stays delivered once delivered", async () => {
    const message = aMessage();
    await messages.insert(message);
    const attempts = Array.from({ length: 12 }, (_, index) => ({ at: secondsAfter(now, index), status: index === 5 ? 200 : 500, latencyMs: index, trigger: "scheduled" as const, nextDelayMs: null }));

    await Promise.all(attempts.map((attempt) => recordAttempt(message.id, attempt, attempt.status === 200)));

    const stored = await messages.findById(message.id);
    expect(stored).toMatchObject({ status: "delivered", deliveredAt: secondsAfter(now, 5), version: 13 });
    expect([...(stored?.attempts ?? [])].sort((a, b) => a.latencyMs - b.latencyMs)).toEqual(attempts);
  });

  it("lists pending messages idle since a time, by their last activity or, stored before it existed, their creation", async () => {
    const idle = { ...aMessage(), lastActivityAt: secondsAfter(now, -600) };
    const busy = { ...aMessage(), lastActivityAt: secondsAfter(now, 30) };
    const { lastActivityAt: _, ...legacy } = { ...aMessage(), createdAt: secondsAfter(now, -900) };
    const done = { ...aMessage(), status: "delivered" as const, deliveredAt: now, lastActivityAt: secondsAfter(now, -600) };
    // Idle as long, but waiting for its next scheduled attempt an hour from now: not lost.
    const waiting = { ...aMessage(), lastActivityAt: secondsAfter(now, -600), nextAttemptAt: secondsAfter(now, 3_600) };
    const overdue = { ...aMessage(), lastActivityAt: secondsAfter(now, -600), nextAttemptAt: secondsAfter(now, -300) };
    for (const message of [idle, busy, legacy, done, waiting, overdue]) await messages.insert(message);

    const stalled = (await messages.listStalled(now, 100)).map((message) => message.id);

    expect(stalled).toEqual(expect.arrayContaining([idle.id, legacy.id, overdue.id]));
    expect(stalled).not.toContain(busy.id);
    expect(stalled).not.toContain(waiting.id);
    expect(stalled).not.toContain(done.id);
  });
});
