import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { purgeWebhookPayloads } from "../../../src/app/webhooks/purge-webhook-payloads.js";
import { replayMissingEvents } from "../../../src/app/webhooks/replay-missing-messages.js";
import { domainEvent } from "../../../src/domain/events/domain-event.js";
import { messageFor, messageIdFor, withAttempt } from "../../../src/domain/webhooks/webhook-message.js";
import type { TaskPayload } from "../../../src/contracts/tasks.js";
import type { TaskQueue } from "../../../src/ports/task-queue.js";
import { anEndpoint, anOrganization, now, secondsAfter } from "./fixtures.js";
import { openTestDatabase, storedDocument, testId } from "./mongo-test-database.js";

// The reads that replay-missing and the retention schedule add, against the local
// MongoDB-compatible server: an organization's events by time, and the settled messages past a
// cutoff (FerretDB's `distinct` included).

let db: Db;
let drop: () => Promise<void>;
let repositories: ReturnType<typeof mongoRepositories>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_webhook_retention"));
  repositories = mongoRepositories(db);
});

afterAll(() => drop());

const dayMs = 24 * 60 * 60 * 1000;
const published = (orgId: string, at: Date) => domainEvent("opportunity.published.v1", orgId, { opportunityId: testId("opp") }, testId("evt"), at);

describe("the event log by organization", () => {
  it("pages one organization's events by time, oldest first, never another's", async () => {
    const orgId = testId("org");
    const events = [0, 1, 2, 3, 4].map((s) => published(orgId, secondsAfter(now, s)));
    await repositories.eventLog.record([...events, published(testId("org"), secondsAfter(now, 2))]);
    const window = { from: secondsAfter(now, 1), to: secondsAfter(now, 4) };
    const first = await repositories.eventLog.ofOrganizationBetween(orgId, window, 2);
    const rest = await repositories.eventLog.ofOrganizationBetween(orgId, window, 2, first.at(-1));
    expect([...first, ...rest].map((e) => e.id)).toEqual(events.slice(1, 4).map((e) => e.id));
  });
});

describe("replaying what an endpoint missed", () => {
  it("makes one message per missed event, even when two replays run at once", async () => {
    const orgId = testId("org");
    const endpoint = anEndpoint(orgId, ["opportunity.published.v1"], now);
    await repositories.webhookEndpoints.insert(endpoint);
    const missed = [1, 2, 3].map((s) => published(orgId, secondsAfter(now, s)));
    await repositories.eventLog.record(missed);
    const enqueued: TaskPayload[] = [];
    const tasks: TaskQueue = { enqueue: async (payload) => void enqueued.push(payload) };
    const deps = { ...repositories, tasks, clock: { now: () => secondsAfter(now, 10), monotonicMs: () => performance.now() } };
    const task = { endpointId: endpoint.id, since: now.toISOString(), until: secondsAfter(now, 10).toISOString() };
    const made = await Promise.all([replayMissingEvents(deps, task), replayMissingEvents(deps, task)]);
    expect(made[0]! + made[1]!).toBe(3);
    for (const event of missed) expect(await repositories.webhookMessages.findById(messageIdFor(event.id, endpoint.id))).toMatchObject({ status: "pending", eventId: event.id });
  });
});

describe("the retention schedule", () => {
  it("removes the payloads of settled messages past each organization's retention, and keeps the rest", async () => {
    const org = anOrganization();
    await repositories.organizations.insert({ ...org, webhookRetentionDays: 7 });
    const endpointId = testId("whe");
    const settle = (at: Date) => {
      const message = messageFor(published(org.id, at), endpointId, at);
      return withAttempt(message, { at, status: 200, latencyMs: 5 }, true);
    };
    const old = settle(now);
    const young = settle(new Date(now.getTime() + 5 * dayMs));
    const pending = messageFor(published(org.id, now), endpointId, now);
    for (const message of [old, young, pending]) await repositories.webhookMessages.insert(message);

    const later = new Date(now.getTime() + 8 * dayMs);
    const deps = { ...repositories, clock: { now: () => later, monotonicMs: () => performance.now() } };
    expect((await purgeWebhookPayloads(deps)).purged).toBeGreaterThanOrEqual(1);
    expect(await storedDocument(db, "webhook_messages", old.id)).toMatchObject({ payload: "", payloadPurgedAt: later });
    expect(await repositories.webhookMessages.findById(old.id)).toMatchObject({ status: "delivered", attempts: [{ status: 200 }] });
    expect((await repositories.webhookMessages.findById(young.id))?.payloadPurgedAt).toBeNull();
    expect((await repositories.webhookMessages.findById(pending.id))?.payloadPurgedAt).toBeNull();
    expect(await repositories.webhookMessages.listPurgeable(org.id, new Date(later.getTime() - 7 * dayMs), 10)).toEqual([]);
  });
});
