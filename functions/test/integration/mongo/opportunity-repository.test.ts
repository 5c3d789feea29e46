import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoOpportunityRepository } from "../../../src/adapters/mongo/opportunity-repository.js";
import { updateAggregate } from "../../../src/app/shared/update-aggregate.js";
import { published } from "../../../src/domain/opportunities/opportunity.js";
import type { OpportunityRepository } from "../../../src/ports/opportunity-repository.js";
import { anActiveOpportunity, anOpportunity, aReservation, now, opportunityPublished, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, rejectionOf, storedDocument, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let opportunities: OpportunityRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_opportunities"));
  opportunities = mongoOpportunityRepository(db);
});

afterAll(() => drop());

const stored = (id: string) => storedDocument(db, "opportunities", id);

/** Publishes as app/opportunities/publish-opportunity.ts does: `published`, and its event in the same save. */
const publish = (id: string, at: Date) =>
  updateAggregate(opportunities, id, (current) => ({ next: published(current, at), events: [opportunityPublished(current, at)] }));

describe("mongoOpportunityRepository", () => {
  it("stores an opportunity and reads it back as it was, as version 1", async () => {
    const opportunity = anOpportunity({ tasks: 2 });
    await opportunities.insert(opportunity);
    expect(await opportunities.findById(opportunity.id)).toEqual(opportunity);
    expect(await stored(opportunity.id)).toMatchObject({ _id: opportunity.id, createdAt: opportunity.createdAt, version: 1, outbox: [] });
    expect(await opportunities.findById(testId("opp"))).toBeNull();
  });

  it("refuses a second opportunity with the same id with conflict, writing nothing", async () => {
    const opportunity = anOpportunity();
    await opportunities.insert(opportunity);
    const before = await stored(opportunity.id);
    await expect(opportunities.insert({ ...opportunity, title: "Another" }, [opportunityPublished(opportunity)])).rejects.toMatchObject({
      name: "AppError",
      code: "conflict",
    });
    expect(await stored(opportunity.id)).toEqual(before);
  });

  it("never takes more places than the capacity, under 200 concurrent reservations, each recorded with its place", async () => {
    const opportunity = anActiveOpportunity({ capacity: 50 });
    await opportunities.insert(opportunity);
    const reservations = Array.from({ length: 200 }, () => aReservation());

    const places = await concurrently(200, (index) => opportunities.reservePlace(opportunity.id, opportunity.capacity, reservations[index]!));

    const reserved = reservations.filter((_, index) => places[index]!.outcome === "reserved");
    expect(reserved).toHaveLength(50);
    expect(places.filter((place) => place.outcome === "full")).toHaveLength(150);
    const after = await stored(opportunity.id);
    expect(after).toMatchObject({ claimsCount: 50, version: 1 });
    expect(new Set(after?.reservations.map((r: { claimId: string }) => r.claimId))).toEqual(new Set(reserved.map((r) => r.claimId)));
  });

  it("takes no place on an opportunity that is not active", async () => {
    const draft = anOpportunity({ capacity: 5 });
    await opportunities.insert(draft);
    expect(await opportunities.reservePlace(draft.id, draft.capacity, aReservation())).toEqual({ outcome: "full" });
    expect(await stored(draft.id)).toMatchObject({ claimsCount: 0 });
  });

  it("takes one place per participant: another attempt, even concurrent, is told of the reservation held", async () => {
    const opportunity = anActiveOpportunity({ capacity: 20 });
    await opportunities.insert(opportunity);
    // Someone else's reservation first: a guard that matched "any reservation is another's" would let the participant through.
    const someoneElse = aReservation();
    await opportunities.reservePlace(opportunity.id, opportunity.capacity, someoneElse);
    const userId = testId("usr");
    const attempts = Array.from({ length: 10 }, () => aReservation({ userId }));

    const places = await concurrently(10, (index) => opportunities.reservePlace(opportunity.id, opportunity.capacity, attempts[index]!));

    const winner = attempts[places.findIndex((place) => place.outcome === "reserved")]!;
    expect(places.filter((place) => place.outcome === "reserved")).toHaveLength(1);
    expect(places.filter((place) => place.outcome === "held")).toEqual(Array(9).fill({ outcome: "held", reservation: winner }));
    expect(await stored(opportunity.id)).toMatchObject({ claimsCount: 2, reservations: [someoneElse, winner] });
    expect(await opportunities.findWithReservation(opportunity.id, userId)).toEqual({ opportunity: { ...opportunity, claimsCount: 2 }, reservation: winner });
    expect(await opportunities.findWithReservation(opportunity.id, testId("usr"))).toEqual({ opportunity: { ...opportunity, claimsCount: 2 }, reservation: null });
    // Once settled, the participant may reserve again (a guard on a list that was not emptied would refuse).
    expect(await opportunities.settleReservation(opportunity.id, winner)).toBe(true);
    expect(await opportunities.reservePlace(opportunity.id, opportunity.capacity, aReservation({ userId }))).toEqual({ outcome: "reserved" });
    expect(await opportunities.findWithReservation(testId("opp"), userId)).toBeNull();
  });

  it("settles a reservation once: the reservation goes, the place stays", async () => {
    const opportunity = anActiveOpportunity({ capacity: 5 });
    await opportunities.insert(opportunity);
    const [mine, other] = [aReservation(), aReservation()];
    await opportunities.reservePlace(opportunity.id, 5, mine);
    await opportunities.reservePlace(opportunity.id, 5, other);

    expect(await opportunities.settleReservation(opportunity.id, mine)).toBe(true);
    expect(await opportunities.settleReservation(opportunity.id, mine)).toBe(false);

    expect(await stored(opportunity.id)).toMatchObject({ claimsCount: 2, reservations: [other] });
    // The participant's next attempt is not held back by a reservation that was settled.
    expect((await opportunities.findWithReservation(opportunity.id, mine.userId))?.reservation).toBeNull();
  });

  it("releases a reservation and its place in one update, once, however many release it at once", async () => {
    const opportunity = anActiveOpportunity({ capacity: 2 });
    await opportunities.insert(opportunity);
    const [mine, other] = [aReservation(), aReservation()];
    await opportunities.reservePlace(opportunity.id, 2, mine);
    await opportunities.reservePlace(opportunity.id, 2, other);
    expect(await opportunities.reservePlace(opportunity.id, 2, aReservation())).toEqual({ outcome: "full" });

    const released = await concurrently(10, () => opportunities.releaseReservation(opportunity.id, mine));

    expect(released.filter(Boolean)).toHaveLength(1);
    expect(await stored(opportunity.id)).toMatchObject({ claimsCount: 1, reservations: [other] });
    expect(await opportunities.settleReservation(opportunity.id, mine)).toBe(false);
    expect(await opportunities.reservePlace(opportunity.id, 2, aReservation())).toEqual({ outcome: "reserved" });
  });

  it("gives a withdrawn claim's place back once, however many give it back at once", async () => {
    const opportunity = anActiveOpportunity({ capacity: 3 });
    await opportunities.insert(opportunity);
    for (let i = 0; i < 3; i++) await opportunities.reservePlace(opportunity.id, 3, aReservation());
    const [withdrawnClaim, another] = [testId("clm"), testId("clm")];

    const returned = await concurrently(10, () => opportunities.returnPlace(opportunity.id, withdrawnClaim));

    expect(returned.filter(Boolean)).toHaveLength(1);
    expect(await opportunities.returnPlace(opportunity.id, another)).toBe(true);
    expect(await stored(opportunity.id)).toMatchObject({ claimsCount: 1, placesReturnedFor: [withdrawnClaim, another] });
    expect(await opportunities.findById(opportunity.id)).toMatchObject({ claimsCount: 1 });
  });

  it("lists the reservations made before a time, across opportunities, up to a limit", async () => {
    const [first, second] = [anActiveOpportunity({ capacity: 5 }), anActiveOpportunity({ capacity: 5 })];
    for (const opportunity of [first, second]) await opportunities.insert(opportunity);
    const before = secondsAfter(now, -3_600);
    const old = [aReservation({ at: secondsAfter(before, -10) }), aReservation({ at: secondsAfter(before, -1) })];
    const recent = [aReservation({ at: before }), aReservation({ at: now })];
    await opportunities.reservePlace(first.id, 5, old[0]!);
    await opportunities.reservePlace(first.id, 5, recent[0]!);
    await opportunities.reservePlace(second.id, 5, recent[1]!);
    await opportunities.reservePlace(second.id, 5, old[1]!);

    const stale = await opportunities.listStaleReservations(before, 10);

    const ours = stale.filter(({ opportunityId }) => opportunityId === first.id || opportunityId === second.id);
    expect(ours).toHaveLength(2);
    expect(ours).toEqual(expect.arrayContaining([{ opportunityId: first.id, reservation: old[0] }, { opportunityId: second.id, reservation: old[1] }]));
    expect(await opportunities.listStaleReservations(before, 1)).toHaveLength(1);
  });

  it("publishes a draft once, writing its event with the change", async () => {
    const opportunity = anOpportunity();
    await opportunities.insert(opportunity);
    const at = secondsAfter(now, 60);

    const after = await publish(opportunity.id, at);

    expect(after).toEqual({ ...opportunity, status: "active", publishedAt: at, updatedAt: at, version: 2 });
    expect(await stored(opportunity.id)).toMatchObject({
      status: "active",
      publishedAt: at,
      version: 2,
      outbox: [{ type: "opportunity.published.v1", data: { opportunityId: opportunity.id } }],
    });
    const before = await stored(opportunity.id);
    expect(await rejectionOf(publish(opportunity.id, secondsAfter(at, 1)))).toMatchObject({ name: "AppError", code: "invalid_state" });
    expect(await stored(opportunity.id)).toEqual(before);
  });

  it("publishes once, with one event, when publications race", async () => {
    const opportunity = anOpportunity();
    await opportunities.insert(opportunity);

    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => publish(opportunity.id, now)));

    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ code: "invalid_state" });
    expect(await stored(opportunity.id)).toMatchObject({ status: "active", version: 2, outbox: [expect.objectContaining({ type: "opportunity.published.v1" })] });
    expect((await stored(opportunity.id))?.outbox).toHaveLength(1);
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
    const activeCash = await opportunities.list({ orgId, status: "active", rewardType: "points" }, { limit: 10, order: "asc" });

    expect(all.items.map((o) => o.id)).toEqual([cash.id, active.id, draft.id]);
    expect(all.next).toBeUndefined();
    expect(activeOnes.items.map((o) => o.id)).toEqual([active.id, cash.id]);
    expect(cashOnes).toEqual({ items: [cash] });
    expect(activeCash.items.map((o) => o.id)).toEqual([active.id]);
  });
});
