import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { eventually, platformEnv } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { expectConsistent, ledgerOf, type StoredEntry } from "./support/points-ledger.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// The points ledger on the real platform: a reward's points credited once, admins' adjustments
// (idempotent, never below zero, correct under a burst of concurrent ones), the participant's
// history by cursor, and expiry driven through the scheduled function's own HTTP endpoint, as Cloud
// Scheduler calls it. Time is never waited for: an earn entry's expiry is moved into the past in
// the database, which is what the passing of N days does to it.

const database = platformDatabase();
afterAll(() => database.close());

const entriesOf = (userId: string) => ledgerOf(database.db, userId);

/** A participant who earned 50 points from a fresh organization, through a completed claim. */
async function participantWithPoints() {
  const { asOwner, orgId, opportunity } = await publishedOpportunity();
  const participant = await signUpUser("points");
  const asParticipant = apiClient(participant.idToken);
  const claim = await asParticipant.post("/v1/claims", { opportunityId: opportunity.id });
  expect((await asParticipant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(201);
  const reward = await eventually(async () => {
    const listed = await asParticipant.get("/v1/rewards");
    return listed.body.data.find((r: { status: string }) => r.status === "issued") as { id: string; userId: string } | undefined;
  }, 30_000);
  return { asOwner, orgId, asParticipant, userId: reward.userId, rewardId: reward.id };
}

describe("points ledger", () => {
  it("credits a reward once, and lets an admin adjust with a reason, once per Idempotency-Key, never below zero", { timeout: 120_000 }, async () => {
    const { asOwner, orgId, asParticipant, userId, rewardId } = await participantWithPoints();
    expect((await asParticipant.get("/v1/rewards/points")).body).toEqual({ userId, points: 50 });

    const adjust = (points: number, key: string) =>
      asOwner.post(`/v1/organizations/${orgId}/points-adjustments`, { userId, points, reason: "late delivery goodwill" }, { "idempotency-key": key });
    const key = `adj-${randomBytes(6).toString("hex")}`;
    const first = await adjust(25, key);
    const retried = await adjust(25, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ kind: "adjust", points: 25, balanceAfter: 75, reason: "late delivery goodwill", orgId });
    expect(retried.body).toEqual(first.body);

    const refused = await adjust(-76, `adj-${randomBytes(6).toString("hex")}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: "insufficient_points" });
    expect(refused.headers.get("content-type")).toMatch(/application\/problem\+json/);

    const entries = await entriesOf(userId);
    expect(entries.map((e) => [e.kind, e.points])).toEqual([["earn", 50], ["adjust", 25]]);
    expect(entries[0]).toMatchObject({ _id: rewardId, key: `earn:${rewardId}` });
    expectConsistent(entries, (await asParticipant.get("/v1/rewards/points")).body.points);
    const event = await eventually(async () => (await database.db.collection("events").findOne({ type: "points.adjusted.v1", "data.entryId": first.body.id })) ?? undefined);
    expect(event).toMatchObject({ orgId, data: { userId, points: 25, balanceAfter: 75 } });

    // Someone the organization never paid cannot be adjusted by it.
    const stranger = await signUpUser("stranger");
    const strangerId = (await apiClient(stranger.idToken).post("/v1/organizations", { name: "Own" })).body.members[0].userId;
    expect((await asOwner.post(`/v1/organizations/${orgId}/points-adjustments`, { userId: strangerId, points: 5, reason: "free points" })).status).toBe(404);
  });

  it("keeps balance == sum of entries, never negative, under 12 concurrent credits and debits, and pages the history newest first", { timeout: 180_000 }, async () => {
    const { asOwner, orgId, asParticipant, userId } = await participantWithPoints();
    // 6 credits of 10 and 6 debits of 20 on a balance of 50: 110 in, 120 out, so at least one debit is refused.
    // The burst is 12, not 100: the Functions emulator runs each request in flight in a process of
    // its own on 2 cores (the 100-append burst is the adapter's integration test, on the same database server).
    const send = (index: number) =>
      asOwner.post(`/v1/organizations/${orgId}/points-adjustments`, { userId, points: index % 2 === 0 ? 10 : -20, reason: `burst ${index}` }, { "idempotency-key": `burst-${index}-${userId}` });
    const burst = await Promise.all(Array.from({ length: 12 }, (_, index) => send(index)));
    // A client retries what got no answer (a gateway timeout, a request still in progress) with the same key, as the SDK does.
    const definite = (status: number, code?: string) => status === 201 || (status === 409 && code === "insufficient_points");
    const outcomes = [];
    for (const [index, first] of burst.entries()) {
      outcomes.push(definite(first.status, first.body.code) ? first : await eventually(async () => {
        const retried = await send(index);
        return definite(retried.status, retried.body.code) ? retried : undefined;
      }, 60_000));
    }
    expect(outcomes.filter((o, index) => index % 2 === 0 && o.status === 201)).toHaveLength(6);

    const entries = await entriesOf(userId);
    const debits = outcomes.filter((o, index) => index % 2 === 1 && o.status === 201).length;
    expect(debits).toBeLessThan(6);
    expect(entries).toHaveLength(1 + 6 + debits);
    const balance = (await asParticipant.get("/v1/rewards/points")).body.points;
    expectConsistent(entries, balance);
    expect(balance).toBe(50 + 60 - 20 * debits);

    const seen: Array<{ id: string; at: string }> = [];
    let cursor: string | null = null;
    do {
      const listed = await asParticipant.get(`/v1/rewards/points/entries?limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      expect(listed.status).toBe(200);
      seen.push(...listed.body.data);
      cursor = listed.body.nextCursor;
    } while (cursor);
    expect(new Set(seen.map((e) => e.id))).toEqual(new Set(entries.map((e) => e._id)));
    // Newest first: in the reverse of the order the entries were appended.
    expect(seen.map((e) => e.id)).toEqual(entries.map((e) => e._id).reverse());
    // Someone else's history is their own.
    expect((await asOwner.get("/v1/rewards/points/entries")).body.data).toEqual([]);
  });

  it("expires what is left of earned points once their expiry has passed, through the scheduled function's endpoint, once", { timeout: 120_000 }, async () => {
    const { asOwner, orgId, asParticipant, userId, rewardId } = await participantWithPoints();
    // Spend 20 of the 50 earned: FIFO takes them from the earn entry, the oldest, so 30 of it are left to expire.
    expect((await asOwner.post(`/v1/organizations/${orgId}/points-adjustments`, { userId, points: -20, reason: "correction" })).status).toBe(201);
    expect((await asOwner.post(`/v1/organizations/${orgId}/points-adjustments`, { userId, points: 7, reason: "bonus that never expires" })).status).toBe(201);
    await database.db.collection<StoredEntry>("points_ledger").updateOne({ _id: rewardId }, { $set: { expiresAt: new Date(Date.now() - 60_000) } });

    const run = () => fetch(`${platformEnv("USERX_FUNCTIONS_URL")}/expirePoints-0`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect((await run()).status).toBe(200);
    expect((await run()).status).toBe(200);

    const expired = await eventually(async () => (await entriesOf(userId)).filter((e) => e.kind === "expire").at(0));
    expect(expired).toMatchObject({ points: -30, balanceAfter: 7, expires: rewardId });
    const entries = await entriesOf(userId);
    expect(entries.filter((e) => e.kind === "expire")).toHaveLength(1);
    expectConsistent(entries, (await asParticipant.get("/v1/rewards/points")).body.points);
    expect((await asParticipant.get("/v1/rewards/points")).body.points).toBe(7);
    const event = await eventually(async () => (await database.db.collection("events").findOne({ type: "points.expired.v1", "data.userId": userId })) ?? undefined);
    expect(event).toMatchObject({ orgId, data: { points: -30, balanceAfter: 7, earnEntryId: rewardId } });
  });
});
