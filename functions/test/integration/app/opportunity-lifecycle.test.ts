import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudLogger } from "../../../src/adapters/cloud-logger.js";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { randomIds } from "../../../src/adapters/random-ids.js";
import { systemClock } from "../../../src/adapters/system-clock.js";
import { changeOpportunityStatus } from "../../../src/app/opportunities/change-opportunity-status.js";
import { updateOpportunity } from "../../../src/app/opportunities/update-opportunity.js";
import type { DomainEvent } from "../../../src/contracts/events.js";
import { OpportunityIn, OpportunityPatch } from "../../../src/contracts/opportunities.js";
import type { TaskPayload } from "../../../src/contracts/tasks.js";
import { AppError } from "../../../src/domain/app-error.js";
import type { Principal } from "../../../src/domain/identity/principal.js";
import type { OpportunityTransition } from "../../../src/domain/opportunities/lifecycle.js";
import { draftOpportunity } from "../../../src/domain/opportunities/opportunity.js";
import { concurrently, openTestDatabase } from "../mongo/mongo-test-database.js";

// The lifecycle use cases on the real MongoDB-compatible server: racing moves and patches must end
// in one consistent state, with exactly the events of the moves that landed. Pub/Sub and Cloud
// Tasks are recorded in process: what is under test is the versioned save, not the relay.

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_lifecycle"));
});

afterAll(() => drop());

function deps() {
  const published: DomainEvent[] = [];
  const enqueued: TaskPayload[] = [];
  return {
    ...mongoRepositories(db),
    publisher: { publish: async (event: DomainEvent) => void published.push(event) },
    tasks: { enqueue: async (payload: TaskPayload) => void enqueued.push(payload) },
    ids: randomIds,
    clock: systemClock,
    logger: cloudLogger,
    published,
    enqueued,
  };
}

async function organizationWithOwners(d: ReturnType<typeof deps>, count: number): Promise<{ orgId: string; members: Principal[] }> {
  const members: Principal[] = Array.from({ length: count }, () => ({ kind: "user", userId: randomIds.next("usr"), anonymous: false, operator: false }));
  const orgId = randomIds.next("org");
  await d.organizations.insert({ id: orgId, name: "Racers", members: members.map((m) => ({ userId: m.kind === "user" ? m.userId : "", role: "owner" as const })), createdAt: new Date(), version: 1 });
  return { orgId, members };
}

async function draftOf(d: ReturnType<typeof deps>, orgId: string) {
  const input = OpportunityIn.parse({
    orgId,
    title: "Race",
    tasks: [{ id: "q", type: "survey", title: "Q", questions: [{ id: "r", type: "rating", prompt: "Rate" }] }],
    reward: { type: "points", value: 1 },
    capacity: 5,
  });
  const draft = draftOpportunity(input, randomIds.next("opp"), new Date());
  await d.opportunities.insert(draft);
  return draft.id;
}

const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "landed",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe("opportunity lifecycle on the real database", () => {
  it.each([1, 2, 3])("10 racing pause, resume and complete calls end in one state, with exactly the events of the moves that landed (round %s)", async () => {
    const d = deps();
    const { orgId, members } = await organizationWithOwners(d, 10);
    const opportunityId = await draftOf(d, orgId);
    await changeOpportunityStatus(d, members[0]!, opportunityId, "publish");
    const moves: OpportunityTransition[] = ["pause", "resume", "pause", "complete", "resume", "pause", "resume", "complete", "pause", "resume"];

    const outcomes = await concurrently(moves.length, (i) => outcomeOf(changeOpportunityStatus(d, members[i]!, opportunityId, moves[i]!)));

    expect(outcomes.every((o) => o === "landed" || o === "invalid_state"), outcomes.join()).toBe(true);
    const landed = outcomes.filter((o) => o === "landed").length;
    const stored = await d.opportunities.findById(opportunityId);
    expect(stored?.version).toBe(2 + landed);
    // Every move that landed left its event in the log; none that was refused did.
    const logged = await db.collection("events").find({ "data.opportunityId": opportunityId, type: { $ne: "opportunity.published.v1" } }).sort({ occurredAt: 1 }).toArray();
    expect(logged).toHaveLength(landed);
    // Relays may publish an event twice (at least once); subscribers deduplicate on the id.
    expect(new Set(d.published.filter((e) => e.type !== "opportunity.published.v1").map((e) => e.id)).size).toBe(landed);
    // Counted by kind, the events account for the stored status: from active, pauses and resumes
    // alternate, and a completion ends it.
    const count = (type: string) => logged.filter((e) => e.type === type).length;
    const [pauses, resumes, completions] = [count("opportunity.paused.v1"), count("opportunity.resumed.v1"), count("opportunity.completed.v1")];
    expect(completions).toBe(stored?.status === "completed" ? 1 : 0);
    expect([0, 1]).toContain(pauses - resumes);
    if (completions === 0) expect(stored?.status).toBe(pauses > resumes ? "paused" : "active");
    const document = await db.collection("opportunities").findOne({ _id: opportunityId as never });
    expect(document?.outbox ?? []).toEqual([]);
  });

  it("10 racing patches of different fields of a draft all land: no update is lost", async () => {
    const d = deps();
    const { orgId, members } = await organizationWithOwners(d, 10);
    const opportunityId = await draftOf(d, orgId);
    const patches = Array.from({ length: 10 }, (_, i) => OpportunityPatch.parse(i % 2 ? { title: `Title ${i}` } : { description: `Description ${i}` }));
    const withTarget = [...patches, OpportunityPatch.parse({ capacity: 42 })];

    const outcomes = await concurrently(withTarget.length, (i) => outcomeOf(updateOpportunity(d, members[i % 10]!, opportunityId, withTarget[i]!)));

    expect(outcomes).toEqual(withTarget.map(() => "landed"));
    const stored = await d.opportunities.findById(opportunityId);
    expect(stored).toMatchObject({ version: 1 + withTarget.length, capacity: 42 });
    expect(stored?.title).toMatch(/^Title \d$/);
    expect(stored?.description).toMatch(/^Description \d$/);
  });

  it("a pause racing a capacity raise: both land, neither undoes the other", async () => {
    const d = deps();
    const { orgId, members } = await organizationWithOwners(d, 2);
    const opportunityId = await draftOf(d, orgId);
    await changeOpportunityStatus(d, members[0]!, opportunityId, "publish");

    await Promise.all([changeOpportunityStatus(d, members[0]!, opportunityId, "pause"), updateOpportunity(d, members[1]!, opportunityId, OpportunityPatch.parse({ capacity: 9 }))]);

    expect(await d.opportunities.findById(opportunityId)).toMatchObject({ status: "paused", capacity: 9, version: 4 });
  });
});
