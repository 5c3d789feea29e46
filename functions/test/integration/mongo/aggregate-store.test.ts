import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { updateAggregate } from "../../../src/app/shared/update-aggregate.js";
import type { DomainEvent } from "../../../src/contracts/events.js";
import type { Aggregate } from "../../../src/domain/aggregate.js";
import { withTaskApproved } from "../../../src/domain/claims/claim.js";
import { published } from "../../../src/domain/opportunities/opportunity.js";
import { withMember } from "../../../src/domain/organizations/organization.js";
import { issued } from "../../../src/domain/rewards/reward.js";
import { withAttempt } from "../../../src/domain/webhooks/webhook-message.js";
import type { AggregateStore } from "../../../src/ports/aggregate-store.js";
import {
  aClaim,
  aMessage,
  aReservation,
  anActiveOpportunity,
  anApiKey,
  anEndpoint,
  anOpportunity,
  anOrganization,
  aReward,
  aSubmission,
  aUser,
  claimCompleted,
  claimCreated,
  now,
  opportunityPublished,
  rewardIssued,
  secondsAfter,
} from "./fixtures.js";
import { concurrently, openTestDatabase, rejectionOf, storedDocument, testId } from "./mongo-test-database.js";

// The optimistic save of adapters/mongo/aggregate-store.ts, on the real server: a compare-and-set
// on the version, with the events of the change pushed to the outbox in the same update.

let db: Db;
let drop: () => Promise<void>;
let repositories: ReturnType<typeof mongoRepositories>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_aggregates"));
  repositories = mongoRepositories(db);
});

afterAll(() => drop());

const later = secondsAfter(now, 60);

/** One kind of aggregate: how a use case makes one, a change it saves, and the events of each. */
interface Kind<A extends Aggregate> {
  collection: string;
  store(): AggregateStore<A>;
  make(): A;
  change(current: A): A;
  created?(aggregate: A): DomainEvent[];
  changed?(next: A): DomainEvent[];
}

const kind = <A extends Aggregate>(k: Kind<A>) => k;

// Each change is the domain function a use case saves with; aggregates no use case changes yet
// (users, API keys, endpoints, submissions) get a plain field change, since the store is the same.
const kinds = {
  opportunity: kind({
    collection: "opportunities",
    store: () => repositories.opportunities,
    make: () => anOpportunity(),
    change: (opportunity) => published(opportunity, later),
    changed: (next) => [opportunityPublished(next, later)],
  }),
  claim: kind({
    collection: "claims",
    store: () => repositories.claims,
    make: () => aClaim(anActiveOpportunity({ tasks: 1 })),
    change: (claim) => withTaskApproved(claim, "task_1", later),
    created: (claim) => [claimCreated(claim)],
    changed: (next) => [claimCompleted(next, later)],
  }),
  reward: kind({
    collection: "rewards",
    store: () => repositories.rewards,
    make: () => aReward(aClaim(anActiveOpportunity())),
    change: (reward) => issued(reward, later),
    changed: (next) => [rewardIssued(next, later)],
  }),
  organization: kind({
    collection: "organizations",
    store: () => repositories.organizations,
    make: () => anOrganization(),
    change: (org) => withMember(org, org.members[0]?.userId ?? "", testId("usr"), "reviewer"),
  }),
  webhookMessage: kind({
    collection: "webhook_messages",
    store: () => repositories.webhookMessages,
    make: () => aMessage(),
    change: (message) => withAttempt(message, { at: later, status: 200, latencyMs: 80, responseExcerpt: "ok" }, true),
  }),
  submission: kind({
    collection: "submissions",
    store: () => repositories.submissions,
    make: () => {
      const opportunity = anActiveOpportunity();
      return aSubmission(aClaim(opportunity), opportunity);
    },
    change: (submission) => ({ ...submission, answers: { ...submission.answers, "another.odd key": 5 } }),
  }),
  user: kind({
    collection: "users",
    store: () => repositories.users,
    make: () => aUser(),
    change: (user) => ({ ...user, identityKey: `firebase:${testId("usr")}` }),
  }),
  apiKey: kind({
    collection: "api_keys",
    store: () => repositories.apiKeys,
    make: () => anApiKey(),
    change: (key) => ({ ...key, name: "CI, renamed" }),
  }),
  webhookEndpoint: kind({
    collection: "webhook_endpoints",
    store: () => repositories.webhookEndpoints,
    make: () => anEndpoint(testId("org"), ["claim.completed.v1"]),
    change: (endpoint) => ({ ...endpoint, eventTypes: [...endpoint.eventTypes, "reward.issued.v1"] }),
  }),
};

/** Inserts a new aggregate of the kind with its creation events; returns it and those events. */
async function inserted<A extends Aggregate>(k: Kind<A>) {
  const aggregate = k.make();
  const events = k.created?.(aggregate) ?? [];
  await k.store().insert(aggregate, events);
  return { aggregate, events };
}

describe.each(Object.entries(kinds) as [string, Kind<Aggregate>][])("the %s store", (_, k) => {
  it("reads back what it inserted, as version 1, with no outbox on the aggregate", async () => {
    const { aggregate, events } = await inserted(k);
    expect(aggregate.version).toBe(1);
    expect(await k.store().findById(aggregate.id)).toEqual(aggregate);
    expect(await storedDocument(db, k.collection, aggregate.id)).toMatchObject({ _id: aggregate.id, version: 1, outbox: events });
    expect(await k.store().findById(`${aggregate.id}0`)).toBeNull();
  });

  it("refuses a second insert of the same id with conflict, writing nothing", async () => {
    const { aggregate, events } = await inserted(k);
    const before = await storedDocument(db, k.collection, aggregate.id);

    const error = await rejectionOf(k.store().insert(k.change(aggregate), k.changed?.(aggregate) ?? []));

    expect(error).toMatchObject({ name: "AppError", code: "conflict" });
    expect(await storedDocument(db, k.collection, aggregate.id)).toEqual(before);
    expect(before).toMatchObject({ outbox: events });
  });

  it("saves against the current version as the next version, its events appended in the same write", async () => {
    const { aggregate, events } = await inserted(k);
    const next = k.change(aggregate);
    const nextEvents = k.changed?.(next) ?? [];

    const saved = await k.store().save(next, 1, nextEvents);

    expect(saved).toEqual({ ...next, version: 2 });
    expect(await k.store().findById(aggregate.id)).toEqual(saved);
    expect(await storedDocument(db, k.collection, aggregate.id)).toMatchObject({ version: 2, outbox: [...events, ...nextEvents] });
  });

  it("refuses a save against a stale version with conflict, changing neither the document nor its outbox", async () => {
    const { aggregate } = await inserted(k);
    const first = k.change(aggregate);
    await k.store().save(first, 1, k.changed?.(first) ?? []);
    const before = await storedDocument(db, k.collection, aggregate.id);

    const error = await rejectionOf(k.store().save(k.change(aggregate), 1, k.changed?.(aggregate) ?? []));

    expect(error).toMatchObject({ name: "AppError", code: "conflict" });
    expect(await storedDocument(db, k.collection, aggregate.id)).toEqual(before);
  });
});

describe("save", () => {
  const claims = () => repositories.claims;

  it("of an aggregate that is not stored is a conflict, and creates nothing", async () => {
    const claim = aClaim(anActiveOpportunity());
    await expect(claims().save(claim, 1, [claimCreated(claim)])).rejects.toMatchObject({ name: "AppError", code: "conflict" });
    expect(await storedDocument(db, "claims", claim.id)).toBeNull();
  });

  it("lands exactly one of many saves decided on the same read, with that save's events only", async () => {
    const claim = aClaim(anActiveOpportunity({ tasks: 20 }));
    await claims().insert(claim, []);
    const read = await claims().findById(claim.id);
    if (!read) throw new Error("the claim was not stored");
    const decisions = Array.from({ length: 20 }, (_, index) => {
      const next = withTaskApproved(read, `task_${index + 1}`, now);
      return { next, events: [claimCreated(next)] };
    });

    const outcomes = await Promise.allSettled(decisions.map(({ next, events }) => claims().save(next, read.version, events)));

    const landed = outcomes.flatMap((outcome, index) => (outcome.status === "fulfilled" ? [decisions[index]] : []));
    expect(landed).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ code: "conflict" });
    const winner = landed[0];
    expect(await claims().findById(claim.id)).toEqual({ ...winner?.next, version: 2 });
    expect(await storedDocument(db, "claims", claim.id)).toMatchObject({ version: 2, outbox: winner?.events });
  });

  it("lands every change made through updateAggregate, each decided on the version it saves against", async () => {
    const opportunity = anActiveOpportunity({ tasks: 12 });
    const claim = aClaim(opportunity);
    await claims().insert(claim, []);

    await concurrently(12, (index) => updateAggregate(claims(), claim.id, (current) => ({ next: withTaskApproved(current, `task_${index + 1}`, now) }), { attempts: 12 }));

    const stored = await claims().findById(claim.id);
    expect(stored?.version).toBe(13);
    expect([...(stored?.completedTaskIds ?? [])].sort()).toEqual(opportunity.tasks.map((task) => task.id).sort());
  });

  it("through updateAggregate answers null for an aggregate that is not stored, writing nothing", async () => {
    const id = testId("clm");
    expect(await updateAggregate(claims(), id, (current) => ({ next: withTaskApproved(current, "task_1", now) }))).toBeNull();
    expect(await storedDocument(db, "claims", id)).toBeNull();
  });
});

describe("fields moved by atomic operators of their own", () => {
  it("keeps the places reserved after the read a save was decided on", async () => {
    const opportunity = anActiveOpportunity({ capacity: 5 });
    const { opportunities } = repositories;
    await opportunities.insert(opportunity);
    const read = await opportunities.findById(opportunity.id);
    if (!read) throw new Error("the opportunity was not stored");
    expect(await opportunities.reservePlace(opportunity.id, opportunity.capacity, aReservation())).toEqual({ outcome: "reserved" });
    expect(await opportunities.reservePlace(opportunity.id, opportunity.capacity, aReservation())).toEqual({ outcome: "reserved" });

    // Decided on the read, which saw no place taken: claimsCount 0 in what is saved.
    const saved = await opportunities.save({ ...read, title: "Renamed" }, read.version);

    expect(saved).toMatchObject({ title: "Renamed", claimsCount: 2, version: 2 });
    const after = await storedDocument(db, "opportunities", opportunity.id);
    expect(after).toMatchObject({ title: "Renamed", claimsCount: 2, version: 2 });
    expect(after?.reservations).toHaveLength(2);
  });

  it("loses no place to saves racing a burst of reservations", async () => {
    const opportunity = anActiveOpportunity({ capacity: 1_000 });
    const { opportunities } = repositories;
    await opportunities.insert(opportunity);

    const [taken] = await Promise.all([
      concurrently(100, () => opportunities.reservePlace(opportunity.id, opportunity.capacity, aReservation())),
      concurrently(10, (index) =>
        updateAggregate(opportunities, opportunity.id, (current) => ({ next: { ...current, title: `${current.title} ${index}` } }), { attempts: 10 }),
      ),
    ]);

    expect(taken.filter((place) => place.outcome === "reserved")).toHaveLength(100);
    expect(await opportunities.findById(opportunity.id)).toMatchObject({ claimsCount: 100, version: 11 });
  });

  it("keeps the last use of an API key recorded after the read a save was decided on", async () => {
    const { apiKeys } = repositories;
    const key = anApiKey();
    await apiKeys.insert(key);
    const read = await apiKeys.findById(key.id);
    if (!read) throw new Error("the key was not stored");
    await apiKeys.touch(key.id, later);

    const saved = await apiKeys.save({ ...read, name: "Renamed" }, read.version);

    expect(saved).toMatchObject({ name: "Renamed", lastUsedAt: later, version: 2 });
    expect(await storedDocument(db, "api_keys", key.id)).toMatchObject({ name: "Renamed", lastUsedAt: later, version: 2 });
  });

  it("moves the last use of an API key forward only, and never changes its version", async () => {
    const { apiKeys } = repositories;
    const key = anApiKey();
    await apiKeys.insert(key);

    await apiKeys.touch(key.id, secondsAfter(now, 20));
    await apiKeys.touch(key.id, secondsAfter(now, 10));
    expect(await apiKeys.findById(key.id)).toEqual({ ...key, lastUsedAt: secondsAfter(now, 20) });

    await concurrently(10, (index) => apiKeys.touch(key.id, secondsAfter(now, 30 + index)));
    expect(await apiKeys.findById(key.id)).toEqual({ ...key, lastUsedAt: secondsAfter(now, 39) });
  });
});
