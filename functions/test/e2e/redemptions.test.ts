import { afterAll, describe, expect, it } from "vitest";
import { eventually, platformEnv } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { expectConsistent, ledgerOf } from "./support/points-ledger.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// The redemption catalogue on the real platform: an organization offers a pool's codes for points,
// participants spend their balance on them. Concurrent redemptions never spend more than the
// balance nor give a code twice; an empty pool gives the points back; a redemption a crash left
// pending is finished by the reconciliation's scheduled run.

const database = platformDatabase();
afterAll(() => database.close());


/** A participant who earned 50 points from a fresh organization, and the organization's owner with a pool of `codes` codes. */
async function setUp(codes: number) {
  const { asOwner, orgId, opportunity } = await publishedOpportunity();
  const participant = await signUpUser("redeemer");
  const asParticipant = apiClient(participant.idToken);
  const claim = await asParticipant.post("/v1/claims", { opportunityId: opportunity.id });
  expect((await asParticipant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(201);
  const balance = await eventually(async () => {
    const answer = await asParticipant.get("/v1/rewards/points");
    return answer.body.points > 0 ? (answer.body as { userId: string; points: number }) : undefined;
  }, 30_000);
  expect(balance.points).toBe(50);
  const pool = await asOwner.post(`/v1/organizations/${orgId}/voucher-pools`, { name: "Coffee", redemptionInstructions: "Show it at the till" });
  expect(pool.status).toBe(201);
  if (codes > 0) expect((await asOwner.post(`/v1/organizations/${orgId}/voucher-pools/${pool.body.id}/codes/generate`, { count: codes, length: 12 })).status).toBe(200);
  return { asOwner, orgId, asParticipant, userId: balance.userId, poolId: pool.body.id as string };
}

const entriesOf = (userId: string) => ledgerOf(database.db, userId);

describe("redemption catalogue", () => {
  it("spends points on an offer for one code the participant alone can read; a retry with the same Idempotency-Key redeems once", { timeout: 120_000 }, async () => {
    const { asOwner, orgId, asParticipant, userId, poolId } = await setUp(3);
    const offer = await asOwner.post(`/v1/organizations/${orgId}/redemption-offers`, { poolId, name: "A coffee", description: "Any size", points: 20 });
    expect(offer.body).toMatchObject({ poolId, points: 20, active: true, available: 3 });
    const catalogue = await asParticipant.get("/v1/redemption-offers?limit=100");
    expect(catalogue.body.data.map((o: { id: string }) => o.id)).toContain(offer.body.id);

    const headers = { "idempotency-key": "redeem-once" };
    const [first, again] = [await asParticipant.post("/v1/redemptions", { offerId: offer.body.id }, headers), await asParticipant.post("/v1/redemptions", { offerId: offer.body.id }, headers)];
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: "completed", points: 20, offerName: "A coffee", voucher: { code: expect.any(String), redemptionInstructions: "Show it at the till" } });
    expect(again.body).toEqual(first.body);
    expect((await asParticipant.get("/v1/rewards/points")).body.points).toBe(30);
    expect((await asParticipant.get(`/v1/redemptions/${first.body.id}`)).body.voucher.code).toBe(first.body.voucher.code);
    expect((await apiClient((await signUpUser("nosy")).idToken).get(`/v1/redemptions/${first.body.id}`)).status).toBe(404);

    const listed = await asOwner.get(`/v1/organizations/${orgId}/voucher-pools/${poolId}/codes?status=allocated`);
    expect(listed.body.data).toMatchObject([{ status: "allocated", redemptionId: first.body.id, rewardId: null }]);
    expectConsistent(await entriesOf(userId), 30);
  });

  it("under concurrent redemptions spends no more than the balance and gives each code once; an empty pool gives the points back", { timeout: 180_000 }, async () => {
    const { asOwner, orgId, asParticipant, userId, poolId } = await setUp(3);
    const offer = await asOwner.post(`/v1/organizations/${orgId}/redemption-offers`, { poolId, name: "A pastry", points: 10 });

    // 50 points buy five; the pool holds three: three codes, then refunds or refusals, never more.
    const answers = await Promise.all(Array.from({ length: 8 }, () => asParticipant.post("/v1/redemptions", { offerId: offer.body.id })));

    const completed = answers.filter((answer) => answer.status === 201);
    expect(completed).toHaveLength(3);
    expect(new Set(completed.map((answer) => answer.body.voucher.code)).size).toBe(3);
    for (const refused of answers.filter((answer) => answer.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(["pool_exhausted", "insufficient_points"]).toContain(refused.body.code);
    }
    const balance = (await asParticipant.get("/v1/rewards/points")).body.points;
    expect(balance).toBe(20);
    expectConsistent(await entriesOf(userId), 20);
    expect((await asOwner.get(`/v1/organizations/${orgId}/redemption-offers`)).body.data[0]).toMatchObject({ available: 0 });
  });

  it("finishes a redemption a crash left pending through the reconciliation's scheduled run", { timeout: 180_000 }, async () => {
    const { asOwner, orgId, asParticipant, userId, poolId } = await setUp(2);
    const offer = await asOwner.post(`/v1/organizations/${orgId}/redemption-offers`, { poolId, name: "A sandwich", points: 15 });
    const redeemed = await asParticipant.post("/v1/redemptions", { offerId: offer.body.id });
    expect(redeemed.status).toBe(201);

    // The crash: a second redemption recorded, its points not taken and no code given, long enough ago.
    const redemptions = database.db.collection<Record<string, unknown> & { _id: string }>("redemptions");
    const stored = await redemptions.findOne({ _id: redeemed.body.id });
    const crashedId = `rdm_${"c".repeat(10)}${Date.now().toString(36)}`;
    const longAgo = new Date(Date.now() - 30 * 60_000);
    await redemptions.insertOne({ ...stored!, _id: crashedId, key: `${userId}:crashed`, status: "pending", completedAt: null, createdAt: longAgo, updatedAt: longAgo, version: 1, outbox: [] });

    let lastRun = 0;
    const settled = await eventually(async () => {
      if (Date.now() - lastRun > 10_000) {
        lastRun = Date.now();
        const run = await fetch(`${platformEnv("USERX_FUNCTIONS_URL")}/reconcile-0`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        expect(run.status).toBe(200);
      }
      const current = await redemptions.findOne({ _id: crashedId });
      return current?.status === "completed" ? current : undefined;
    }, 90_000);
    expect(settled.status).toBe("completed");
    expect((await asParticipant.get("/v1/rewards/points")).body.points).toBe(20);
    expect((await asParticipant.get(`/v1/redemptions/${crashedId}`)).body.voucher.code).toEqual(expect.any(String));
    expectConsistent(await entriesOf(userId), 20);
  });
});
