import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chaosFaultsCollection, mongoFaultInjector } from "../../../src/adapters/mongo/fault-injector.js";
import { mongoEventLog } from "../../../src/adapters/mongo/event-log.js";
import { mongoInbox } from "../../../src/adapters/mongo/inbox.js";
import type { DomainEvent } from "../../../src/contracts/events.js";
import { concurrently, openTestDatabase, testId } from "./mongo-test-database.js";

// The consumers' inbox, the event log's scan by time and the chaos suite's armed faults, on the
// real local server.

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_inbox"));
});

afterAll(() => drop());

const handled = (consumer: string, eventId: string, outcome = "done") => ({ consumer, eventId, eventType: "claim.created.v1", outcome, handledAt: new Date() });

function claimCreated(occurredAt: string): DomainEvent {
  return { id: testId("evt"), type: "claim.created.v1", version: 1, orgId: testId("org"), occurredAt, data: { claimId: testId("clm"), opportunityId: testId("opp"), userId: testId("usr") } };
}

describe("mongoInbox", () => {
  it("records an event once per consumer and says which of a list each consumer handled", async () => {
    const inbox = mongoInbox(db);
    const [first, second, never] = [testId("evt"), testId("evt"), testId("evt")];
    await inbox.record(handled("issueRewards", first, "reward issued"));
    await inbox.record(handled("issueRewards", first, "recorded again"));
    await inbox.record(handled("fanOutWebhooks", second));

    expect(await inbox.has("issueRewards", first)).toBe(true);
    expect(await inbox.has("fanOutWebhooks", first)).toBe(false);
    expect(await inbox.handledOf("issueRewards", [first, second, never])).toEqual(new Set([first]));
    expect(await inbox.handledOf("fanOutWebhooks", [first, second, never])).toEqual(new Set([second]));
    expect(await inbox.handledOf("fanOutWebhooks", [])).toEqual(new Set());
    expect(await db.collection("inbox").findOne({ _id: `issueRewards:${first}` as never })).toMatchObject({ outcome: "reward issued" });
  });
});

describe("mongoEventLog.occurredBetween", () => {
  it("pages through a window oldest first, ties by id, excluding its end", async () => {
    const log = mongoEventLog(db);
    const events = [
      claimCreated("2026-05-01T10:00:00.000Z"),
      claimCreated("2026-05-01T10:00:01.000Z"),
      claimCreated("2026-05-01T10:00:01.000Z"),
      claimCreated("2026-05-01T10:00:02.000Z"),
      claimCreated("2026-05-01T10:00:03.000Z"),
    ];
    await log.record(events);
    const window = { from: new Date("2026-05-01T10:00:01.000Z"), to: new Date("2026-05-01T10:00:03.000Z") };
    const tied = [events[1]!, events[2]!].sort((a, b) => (a.id < b.id ? -1 : 1));

    const first = await log.occurredBetween(window, 2);
    const rest = await log.occurredBetween(window, 2, first.at(-1));

    expect(first.map((event) => event.id)).toEqual(tied.map((event) => event.id));
    expect(rest.map((event) => event.id)).toEqual([events[3]!.id]);
    expect(await log.occurredBetween(window, 2, rest.at(-1))).toEqual([]);
    expect(rest[0]).toEqual(events[3]);
  });
});

describe("mongoFaultInjector", () => {
  it("fails exactly as many calls as were armed, however many run at once", async () => {
    const faults = mongoFaultInjector(db);
    const point = `it.${testId("evt")}`;
    await chaosFaultsCollection(db).insertOne({ _id: point, remaining: 3 });

    const outcomes = await concurrently(10, () => faults.failIfInjected(point).then(() => "ok", (error: { code?: string }) => error.code));

    expect(outcomes.filter((outcome) => outcome === "unavailable")).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(7);
    await expect(faults.failIfInjected("it.nothing-armed")).resolves.toBeUndefined();
  });
});
