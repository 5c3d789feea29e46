import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoOpportunityRepository } from "../../../src/adapters/mongo/opportunity-repository.js";
import { domainEvent } from "../../../src/domain/events/domain-event.js";
import type { OpportunityRepository } from "../../../src/ports/repositories.js";
import { anActiveOpportunity, anOpportunity, now, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let opportunities: OpportunityRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_opportunities"));
  opportunities = mongoOpportunityRepository(db);
});

afterAll(() => drop());

const stored = (id: string) => storedDocuments(db, "opportunities").findOne({ _id: id });

describe("mongoOpportunityRepository", () => {
  it("stores an opportunity and reads it back as it was", async () => {
    const opportunity = anOpportunity({ tasks: 2 });
    await opportunities.insert(opportunity);
    expect(await opportunities.findById(opportunity.id)).toEqual(opportunity);
    expect(await stored(opportunity.id)).toMatchObject({ _id: opportunity.id, createdAt: opportunity.createdAt, outbox: [] });
    expect(await opportunities.findById(testId("opp"))).toBeNull();
  });

  it("refuses a second opportunity with the same id", async () => {
    const opportunity = anOpportunity();
    await opportunities.insert(opportunity);
    await expect(opportunities.insert({ ...opportunity, title: "Another" })).rejects.toMatchObject({ name: "AppError", code: "conflict" });
    expect((await opportunities.findById(opportunity.id))?.title).toBe(opportunity.title);
  });

  it("never takes more places than the capacity, under 200 concurrent reservations", async () => {
    const opportunity = anActiveOpportunity({ capacity: 50 });
    await opportunities.insert(opportunity);
    const taken = await concurrently(200, () => opportunities.reservePlace(opportunity.id, opportunity.capacity));
    expect(taken.filter(Boolean)).toHaveLength(50);
    expect(await stored(opportunity.id)).toMatchObject({ claimsCount: 50 });
  });

  it("takes no place on an opportunity that is not active", async () => {
    const draft = anOpportunity({ capacity: 5 });
    await opportunities.insert(draft);
    expect(await opportunities.reservePlace(draft.id, draft.capacity)).toBe(false);
    expect(await stored(draft.id)).toMatchObject({ claimsCount: 0 });
  });

  it("gives places back, never below zero", async () => {
    const opportunity = anActiveOpportunity({ capacity: 2 });
    await opportunities.insert(opportunity);
    await opportunities.reservePlace(opportunity.id, 2);
    await opportunities.reservePlace(opportunity.id, 2);
    expect(await opportunities.reservePlace(opportunity.id, 2)).toBe(false);
    await opportunities.releasePlace(opportunity.id);
    expect(await opportunities.reservePlace(opportunity.id, 2)).toBe(true);
    await concurrently(5, () => opportunities.releasePlace(opportunity.id));
    expect(await stored(opportunity.id)).toMatchObject({ claimsCount: 0 });
  });

  it("transitions only from the expected status, writing the events with the change", async () => {
    const opportunity = anOpportunity();
    await opportunities.insert(opportunity);
    const published = domainEvent("opportunity.published.v1", opportunity.orgId, { opportunityId: opportunity.id }, testId("evt"), now);
    const at = secondsAfter(now, 60);

    const after = await opportunities.transition(opportunity.id, "draft", { status: "active", publishedAt: at, updatedAt: at }, [published]);

    expect(after).toEqual({ ...opportunity, status: "active", publishedAt: at, updatedAt: at });
    expect(await opportunities.transition(opportunity.id, "draft", { status: "active" }, [published])).toBeNull();
    expect(await stored(opportunity.id)).toMatchObject({ status: "active", publishedAt: at, outbox: [published] });
  });

  it("lets a transition change neither the id nor the places taken, nor clear a field left undefined", async () => {
    const opportunity = anActiveOpportunity({ capacity: 3 });
    await opportunities.insert(opportunity);
    await opportunities.reservePlace(opportunity.id, 3);
    // Built from a read made before the reservation, with claimsCount 0; an undefined field is no change.
    const stale = { ...opportunity, id: testId("opp"), status: "paused" as const, description: undefined };
    const paused = await opportunities.transition(opportunity.id, "active", stale, []);
    expect(paused).toEqual({ ...opportunity, status: "paused", claimsCount: 1 });
    expect(await stored(opportunity.id)).toMatchObject({ status: "paused", claimsCount: 1, description: opportunity.description, outbox: [] });
  });

  it("lists by organization, status and reward type", async () => {
    const orgId = testId("org");
    const draft = anOpportunity({ orgId });
    const active = anActiveOpportunity({ orgId, createdAt: secondsAfter(now, 1) });
    const cash = { ...anActiveOpportunity({ orgId, createdAt: secondsAfter(now, 2) }), reward: { type: "cash" as const, value: 5, currency: "EUR" } };
    for (const opportunity of [draft, active, cash, anActiveOpportunity()]) await opportunities.insert(opportunity);

    const all = await opportunities.list({ orgId }, { limit: 10, order: "desc" });
    const activeOnes = await opportunities.list({ orgId, status: "active" }, { limit: 10, order: "asc" });
    const cashOnes = await opportunities.list({ orgId, rewardType: "cash" }, { limit: 10, order: "asc" });

    expect(all.items.map((o) => o.id)).toEqual([cash.id, active.id, draft.id]);
    expect(all.next).toBeUndefined();
    expect(activeOnes.items.map((o) => o.id)).toEqual([active.id, cash.id]);
    expect(cashOnes.items).toEqual([cash]);
  });
});
