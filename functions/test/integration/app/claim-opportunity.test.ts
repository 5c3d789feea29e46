import { PubSub } from "@google-cloud/pubsub";
import { MongoClient, type Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureIndexes } from "../../../src/adapters/mongo/indexes.js";
import { randomIds } from "../../../src/adapters/random-ids.js";
import { systemClock } from "../../../src/adapters/system-clock.js";
import { claimOpportunity } from "../../../src/app/claims/claim-opportunity.js";
import { reservationGraceSeconds, settleStaleReservations } from "../../../src/app/claims/settle-stale-reservations.js";
import { OpportunityIn } from "../../../src/contracts/opportunities.js";
import { AppError } from "../../../src/domain/app-error.js";
import { draftOpportunity, published } from "../../../src/domain/opportunities/opportunity.js";
import type { ClaimRepository } from "../../../src/ports/claim-repository.js";
import { platformEnv, uniqueName } from "../support/local-platform.js";
import { useCaseDeps } from "../support/use-case-deps.js";

// The claim use case wired to the real servers (MongoDB-compatible server, Pub/Sub, Cloud Tasks),
// with all 200 claims fired at once in this process: the capacity guard must hold under the burst.

let client: MongoClient;
let db: Db;
let pubsub: PubSub;

beforeAll(async () => {
  client = new MongoClient(platformEnv("MONGODB_URI"));
  db = client.db(uniqueName("it_claims").replace(/-/g, "_"));
  await ensureIndexes(db);
  pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await pubsub.close();
});

const deps = () => useCaseDeps(db, pubsub);

async function activeOpportunity(capacity: number, { budget = null, rewardPoints = 1 }: { budget?: number | null; rewardPoints?: number } = {}) {
  const d = deps();
  const input = OpportunityIn.parse({
    orgId: randomIds.next("org"),
    title: "Burst",
    tasks: [{ id: "q", type: "survey", title: "Q", questions: [{ id: "r", type: "rating", prompt: "Rate" }] }],
    reward: { type: "points", value: rewardPoints },
    capacity,
    budget,
  });
  const draft = draftOpportunity(input, randomIds.next("opp"), new Date());
  await d.opportunities.insert(draft);
  return d.opportunities.save(published(draft, new Date()), draft.version);
}

describe("claimOpportunity on the real servers", () => {
  it("200 claims at once against capacity 50: exactly 50 claims, 50 events, nothing oversold", async () => {
    const opportunity = await activeOpportunity(50);
    const d = deps();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () =>
        claimOpportunity(d, { kind: "user", userId: randomIds.next("usr"), anonymous: false, operator: false }, { opportunityId: opportunity.id }).then(
          () => "claimed",
          (error: unknown) => (error instanceof AppError ? error.code : String(error)),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "claimed")).toHaveLength(50);
    expect(outcomes.filter((o) => o === "capacity_exhausted")).toHaveLength(150);
    expect(await db.collection("claims").countDocuments({ opportunityId: opportunity.id })).toBe(50);
    expect((await d.opportunities.findById(opportunity.id))?.claimsCount).toBe(50);
    expect(await db.collection("events").countDocuments({ type: "claim.created.v1" })).toBe(50);
    // Every place's reservation was settled once its claim was written.
    expect((await db.collection("opportunities").findOne({ _id: opportunity.id as never }))?.reservations).toEqual([]);
  });

  it("200 claims at once against a budget for 40 (capacity 200): exactly 40 claims, the budget never overspent", async () => {
    const opportunity = await activeOpportunity(200, { budget: 40 * 25 + 24, rewardPoints: 25 });
    const d = deps();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () =>
        claimOpportunity(d, aParticipant(), { opportunityId: opportunity.id }).then(
          () => "claimed",
          (error: unknown) => (error instanceof AppError ? error.code : String(error)),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "claimed")).toHaveLength(40);
    expect(outcomes.filter((o) => o === "budget_exhausted")).toHaveLength(160);
    expect(await db.collection("claims").countDocuments({ opportunityId: opportunity.id })).toBe(40);
    expect((await d.opportunities.findById(opportunity.id))?.claimsCount).toBe(40);
    expect((await db.collection("opportunities").findOne({ _id: opportunity.id as never }))?.reservations).toEqual([]);
  });
});

// The database cannot be stopped from a test yet, so a lost answer is played by the claim store:
// it throws `unavailable` as the driver would when the connection drops, after the write landed
// (`committed`) or before it was sent.
function losingNextInsert(d: ReturnType<typeof deps>, { committed }: { committed: boolean }): ReturnType<typeof deps> {
  let lost = false;
  const claims: ClaimRepository = {
    ...d.claims,
    insert: async (claim, events) => {
      if (lost) return d.claims.insert(claim, events);
      lost = true;
      if (committed) await d.claims.insert(claim, events);
      throw new AppError("unavailable", "the database is unavailable; try again");
    },
  };
  return { ...d, claims };
}

const aParticipant = () => ({ kind: "user" as const, userId: randomIds.next("usr"), anonymous: false, operator: false });
const stored = (opportunityId: string) => db.collection("opportunities").findOne({ _id: opportunityId as never });
const claimsOf = (opportunityId: string) => db.collection("claims").find({ opportunityId }).toArray();

describe("a claim whose answer was lost, on the real servers", () => {
  it("answers a retry with the same Idempotency-Key with the claim, anyone else with already_claimed naming it: one claim, one place", async () => {
    const opportunity = await activeOpportunity(1);
    const alice = aParticipant();
    const lossy = losingNextInsert(deps(), { committed: true });
    await expect(claimOpportunity(lossy, alice, { opportunityId: opportunity.id }, { idempotencyKey: "retry-1" })).rejects.toMatchObject({ code: "unavailable" });
    const [written] = await claimsOf(opportunity.id);

    const retried = await claimOpportunity(lossy, alice, { opportunityId: opportunity.id }, { idempotencyKey: "retry-1" });
    const other = claimOpportunity(lossy, alice, { opportunityId: opportunity.id }, { idempotencyKey: "retry-2" });

    expect(retried).toMatchObject({ id: written?._id, userId: alice.userId, status: "active" });
    await expect(other).rejects.toMatchObject({ code: "already_claimed", details: { claimId: written?._id } });
    await expect(claimOpportunity(lossy, aParticipant(), { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "capacity_exhausted" });
    expect(await claimsOf(opportunity.id)).toHaveLength(1);
    expect(await stored(opportunity.id)).toMatchObject({ claimsCount: 1, reservations: [{ claimId: written?._id, userId: alice.userId }] });
    expect(await db.collection("events").countDocuments({ type: "claim.created.v1", "data.claimId": written?._id })).toBe(1);
  });

  it("writes, on a retry, the claim of a reservation whose first write never landed, in the place already taken", async () => {
    const opportunity = await activeOpportunity(1);
    const alice = aParticipant();
    const lossy = losingNextInsert(deps(), { committed: false });
    await expect(claimOpportunity(lossy, alice, { opportunityId: opportunity.id }, { idempotencyKey: "retry-1" })).rejects.toMatchObject({ code: "unavailable" });
    const reserved = (await stored(opportunity.id))?.reservations;
    expect(await claimsOf(opportunity.id)).toEqual([]);

    const claim = await claimOpportunity(lossy, alice, { opportunityId: opportunity.id }, { idempotencyKey: "retry-1" });

    expect(reserved).toMatchObject([{ claimId: claim.id, userId: alice.userId }]);
    expect(await claimsOf(opportunity.id)).toMatchObject([{ _id: claim.id }]);
    expect(await stored(opportunity.id)).toMatchObject({ claimsCount: 1, reservations: [] });
  });

  it("settleStaleReservations keeps the place of a written claim, gives back a lost one's, once under 5 racing settlers", async () => {
    const opportunity = await activeOpportunity(3);
    const longAgo = { ...systemClock, now: () => new Date(Date.now() - (reservationGraceSeconds + 60) * 1_000) };
    await expect(claimOpportunity({ ...losingNextInsert(deps(), { committed: true }), clock: longAgo }, aParticipant(), { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "unavailable" });
    await expect(claimOpportunity({ ...losingNextInsert(deps(), { committed: false }), clock: longAgo }, aParticipant(), { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "unavailable" });
    // A young reservation: its request may still be writing the claim.
    await expect(claimOpportunity(losingNextInsert(deps(), { committed: false }), aParticipant(), { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "unavailable" });
    expect(await stored(opportunity.id)).toMatchObject({ claimsCount: 3 });

    const olderThan = new Date(Date.now() - reservationGraceSeconds * 1_000);
    const runs = await Promise.all(Array.from({ length: 5 }, () => settleStaleReservations(deps(), { olderThan, limit: 100 })));

    expect(runs.reduce((sum, run) => sum + run.settled, 0)).toBe(1);
    expect(runs.reduce((sum, run) => sum + run.released, 0)).toBe(1);
    const after = await stored(opportunity.id);
    expect(after).toMatchObject({ claimsCount: 2 });
    expect(after?.reservations).toHaveLength(1);
    expect(await claimsOf(opportunity.id)).toHaveLength(1);
  });
});
