import { describe, expect, it } from "vitest";
import { getRedemption, listRedemptions } from "../../../../src/app/redemptions/read-redemptions.js";
import { redeemPoints, settleRedemption } from "../../../../src/app/redemptions/redeem-points.js";
import { createRedemptionOffer, listRedemptionCatalogue, listRedemptionOffers, updateRedemptionOffer } from "../../../../src/app/redemptions/redemption-offers.js";
import { importVoucherCodes } from "../../../../src/app/vouchers/add-voucher-codes.js";
import { listVoucherCodes } from "../../../../src/app/vouchers/read-vouchers.js";
import { createVoucherPool } from "../../../../src/app/vouchers/voucher-pools.js";
import { checkRedemptions } from "../../../../src/app/reconciliation/check-redemptions.js";
import { newRedemption } from "../../../../src/domain/redemptions/redemption.js";
import { firstInconsistency } from "../../../../src/domain/points/points-entry.js";
import { organizationWithEveryRole, participant } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

/** An organization offering a pool's codes for 30 points, and a participant with `points`. */
async function setUp(deps: InMemoryDeps, { codes = ["AAAA-0001", "BBBB-0002"], points = 100 } = {}) {
  const people = await organizationWithEveryRole(deps);
  const pool = await createVoucherPool(deps, people.owner, { orgId: people.org.id, name: "Coffee", redemptionInstructions: "Show it at the till", lowStockThreshold: 0 });
  if (codes.length > 0) await importVoucherCodes(deps, people.owner, people.org.id, pool.id, { codes: codes.map((code) => ({ code })) });
  const offer = await createRedemptionOffer(deps, people.owner, people.org.id, { poolId: pool.id, name: "A coffee", description: "", points: 30, active: true });
  const alice = participant(deps);
  await deps.ledger.credit({ userId: alice.userId, points, rewardId: deps.ids.next("rwd"), orgId: people.org.id, at: deps.clock.now(), expiresAt: null });
  return { ...people, pool, offer, alice };
}

describe("redemption offers", () => {
  it("are made by members who write rewards, from their own pools only, and listed with the codes left", async () => {
    const deps = inMemoryDeps();
    const { org, owner, viewer, pool, offer } = await setUp(deps);
    expect(offer).toMatchObject({ orgId: org.id, poolId: pool.id, points: 30, active: true, available: 2 });
    await expect(createRedemptionOffer(deps, viewer, org.id, { poolId: pool.id, name: "x", description: "", points: 1, active: true })).rejects.toMatchObject({ code: "forbidden" });

    const other = await organizationWithEveryRole(deps);
    await expect(createRedemptionOffer(deps, other.owner, other.org.id, { poolId: pool.id, name: "x", description: "", points: 1, active: true })).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect((await listRedemptionOffers(deps, viewer, org.id, { limit: 10 })).data.map((o) => o.id)).toEqual([offer.id]);
  });

  it("leave the catalogue when deactivated, and cannot be redeemed then", async () => {
    const deps = inMemoryDeps();
    const { org, owner, offer, alice } = await setUp(deps);
    expect((await listRedemptionCatalogue(deps, { limit: 10 })).data).toMatchObject([{ id: offer.id, available: 2 }]);
    await updateRedemptionOffer(deps, owner, org.id, offer.id, { active: false });
    expect((await listRedemptionCatalogue(deps, { limit: 10 })).data).toEqual([]);
    await expect(redeemPoints(deps, alice, offer.id, "k")).rejects.toMatchObject({ code: "invalid_state" });
    expect(await deps.ledger.balance(alice.userId)).toBe(100);
  });
});

describe("redeemPoints", () => {
  it("spends the points, gives one code the participant alone may read, and emits points.redeemed.v1", async () => {
    const deps = inMemoryDeps();
    const { org, owner, pool, offer, alice } = await setUp(deps);

    const redeemed = await redeemPoints(deps, alice, offer.id, "key-1");

    expect(redeemed).toMatchObject({ status: "completed", points: 30, offerName: "A coffee", voucher: { code: "AAAA-0001", redemptionInstructions: "Show it at the till" } });
    expect(await deps.ledger.balance(alice.userId)).toBe(70);
    expect((await deps.ledger.entries(alice.userId)).at(-1)).toMatchObject({ kind: "redeem", points: -30, reason: "A coffee" });
    expect(deps.publisher.ofType("points.redeemed.v1").map((event) => event.data)).toEqual([
      { redemptionId: redeemed.id, offerId: offer.id, userId: alice.userId, points: 30, poolId: pool.id },
    ]);
    expect((await listRedemptions(deps, alice, { limit: 10 })).data).toMatchObject([{ id: redeemed.id, voucher: null }]);
    await expect(getRedemption(deps, participant(deps), redeemed.id)).rejects.toMatchObject({ code: "not_found" });
    const codes = await listVoucherCodes(deps, owner, org.id, pool.id, { limit: 10, status: "allocated" });
    expect(codes.data).toMatchObject([{ status: "allocated", rewardId: null, redemptionId: redeemed.id }]);
  });

  it("redeems once per Idempotency-Key, and a key reused for another offer is refused", async () => {
    const deps = inMemoryDeps();
    const { org, owner, pool, offer, alice } = await setUp(deps);
    const first = await redeemPoints(deps, alice, offer.id, "key-1");
    const again = await redeemPoints(deps, alice, offer.id, "key-1");
    expect(again).toEqual(first);
    expect(await deps.ledger.balance(alice.userId)).toBe(70);

    const other = await createRedemptionOffer(deps, owner, org.id, { poolId: pool.id, name: "Tea", description: "", points: 10, active: true });
    await expect(redeemPoints(deps, alice, other.id, "key-1")).rejects.toMatchObject({ code: "idempotency_key_reused" });
  });

  it("refuses a balance short of the cost before storing anything", async () => {
    const deps = inMemoryDeps();
    const { offer, alice } = await setUp(deps, { points: 29 });
    await expect(redeemPoints(deps, alice, offer.id, "k")).rejects.toMatchObject({ code: "insufficient_points", details: { balance: 29, points: 30 } });
    expect(deps.redemptions.table.all()).toEqual([]);
    expect(await deps.ledger.balance(alice.userId)).toBe(29);
  });

  it("gives the points back when the pool has no code left, and answers pool_exhausted", async () => {
    const deps = inMemoryDeps();
    const { offer, alice } = await setUp(deps, { codes: ["AAAA-0001"] });
    await redeemPoints(deps, alice, offer.id, "k1");

    await expect(redeemPoints(deps, alice, offer.id, "k2")).rejects.toMatchObject({ code: "pool_exhausted" });

    const entries = await deps.ledger.entries(alice.userId);
    expect(entries.slice(-2)).toMatchObject([
      { kind: "redeem", points: -30, balanceAfter: 40 },
      { kind: "refund", points: 30, balanceAfter: 70 },
    ]);
    expect(firstInconsistency(entries)).toBeNull();
    expect(deps.redemptions.table.all().map((r) => r.status).sort()).toEqual(["completed", "refunded"]);
    expect(deps.publisher.ofType("points.redeemed.v1")).toHaveLength(1);
  });

  it("finishes a redemption a crash left pending, spending once and giving one code however often it is settled", async () => {
    const deps = inMemoryDeps();
    const { offer, alice } = await setUp(deps);
    const stored = (await deps.redemptionOffers.findById(offer.id))!;
    const pending = newRedemption(stored, alice.userId, `${alice.userId}:crashed`, deps.ids.next("rdm"), deps.clock.now());
    await deps.redemptions.insert(pending);

    const [one, two] = await Promise.all([settleRedemption(deps, pending), settleRedemption(deps, pending)]);

    expect([one.status, two.status]).toEqual(["completed", "completed"]);
    expect(await deps.ledger.balance(alice.userId)).toBe(70);
    expect(deps.voucherCodes.allocations.size).toBe(1);
    expect(deps.publisher.ofType("points.redeemed.v1")).toHaveLength(1);
  });

  it("is settled by the reconciliation when a crash left it pending past the grace, and reported", async () => {
    const deps = inMemoryDeps();
    const { offer, alice } = await setUp(deps);
    const stored = (await deps.redemptionOffers.findById(offer.id))!;
    const pending = newRedemption(stored, alice.userId, `${alice.userId}:crashed`, deps.ids.next("rdm"), deps.clock.now());
    await deps.redemptions.insert(pending);

    expect(await checkRedemptions(deps, deps.clock.now(), 10)).toEqual({ checked: 0, breaks: [] });
    deps.clock.advance(60_000);
    const { breaks } = await checkRedemptions(deps, deps.clock.now(), 10);

    expect(breaks).toMatchObject([{ invariant: "redemption_settled", subject: pending.id, repaired: true, fields: { settledAs: "completed" } }]);
    expect(await deps.ledger.balance(alice.userId)).toBe(70);
  });

  it("spends a shared balance once when many redemptions race: never below zero, every code given once", async () => {
    const deps = inMemoryDeps();
    const { offer, alice } = await setUp(deps, { codes: ["A-0000001", "A-0000002", "A-0000003", "A-0000004", "A-0000005"], points: 100 });
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => redeemPoints(deps, alice, offer.id, `k${i}`)));
    const completed = outcomes.filter((o) => o.status === "fulfilled");
    expect(completed).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(Array(5).fill("insufficient_points"));
    expect(await deps.ledger.balance(alice.userId)).toBe(10);
    expect(firstInconsistency(await deps.ledger.entries(alice.userId))).toBeNull();
    expect(deps.voucherCodes.allocations.size).toBe(3);
  });
});
