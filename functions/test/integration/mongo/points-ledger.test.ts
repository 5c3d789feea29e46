import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoPointsLedger } from "../../../src/adapters/mongo/points-ledger.js";
import { firstInconsistency, type PointsAppend } from "../../../src/domain/points/points-entry.js";
import type { PointsLedger } from "../../../src/ports/points-ledger.js";
import { now, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, rejectionOf, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let ledger: PointsLedger;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_points"));
  ledger = mongoPointsLedger(db);
});

afterAll(() => drop());

const orgId = testId("org");
const credit = (userId: string, points: number, rewardId = testId("rwd")) => ledger.credit({ userId, points, rewardId, orgId, at: now, expiresAt: secondsAfter(now, 3600) });
const adjust = (userId: string, points: number, key: string): PointsAppend => ({
  id: testId("pte"), userId, kind: "adjust", points, key: `adjust:${key}`, orgId, rewardId: null, expiresAt: null, expires: null, reason: "test", at: now,
});
const sumOf = async (userId: string) => (await storedDocuments(db, "points_ledger").find({ userId }).toArray()).reduce((sum, entry) => sum + Number(entry.points), 0);

describe("mongoPointsLedger", () => {
  it("credits a reward once, however often and concurrently it is credited", async () => {
    const userId = testId("usr");
    const rewardId = testId("rwd");
    const first = await credit(userId, 50, rewardId);
    await credit(userId, 50, rewardId);
    const raced = await concurrently(5, () => credit(userId, 50, rewardId));

    expect(raced.map((entry) => entry.id)).toEqual(Array(5).fill(first.id));
    expect(await storedDocuments(db, "points_ledger").countDocuments({ userId })).toBe(1);
    expect(await ledger.balance(userId)).toBe(50);
    expect(first).toMatchObject({ id: rewardId, seq: 1, balanceAfter: 50, kind: "earn", key: `earn:${rewardId}` });
  });

  it("numbers each participant's entries and keeps the running balance, no one else's", async () => {
    const userId = testId("usr");
    for (const points of [10, 25, 7]) await credit(userId, points);
    await credit(testId("usr"), 1_000);
    const entries = await ledger.entries(userId);
    expect(entries.map((entry) => [entry.seq, entry.balanceAfter])).toEqual([[1, 10], [2, 35], [3, 42]]);
    expect(await ledger.balance(userId)).toBe(42);
    expect(await ledger.balance(testId("usr"))).toBe(0);
  });

  it("debits a redemption once per key, and refuses one below zero with insufficient_points, writing nothing", async () => {
    const userId = testId("usr");
    await credit(userId, 30);
    const redeemed = await ledger.debit(userId, 20, { kind: "redeem", key: "red-1", reference: "voucher", orgId, at: now });
    const again = await ledger.debit(userId, 20, { kind: "redeem", key: "red-1", reference: "voucher", orgId, at: now });
    expect(again).toEqual(redeemed);
    expect(redeemed).toMatchObject({ kind: "redeem", points: -20, balanceAfter: 10, seq: 2 });
    expect(await rejectionOf(ledger.debit(userId, 11, { kind: "redeem", key: "red-2", reference: "voucher", orgId, at: now }))).toMatchObject({ code: "insufficient_points" });
    expect(await storedDocuments(db, "points_ledger").countDocuments({ userId })).toBe(2);
    expect(await ledger.balance(userId)).toBe(10);
  });

  it("keeps balance == sum of entries and never below zero under 100 concurrent credits and debits of one participant, each key once", async () => {
    const userId = testId("usr");
    // 50 credits of 10 and 50 debits of 15: 500 in, up to 750 out, so some debits must be refused.
    const outcomes = await concurrently(100, (index) =>
      (index % 2 === 0 ? credit(userId, 10, `rwd_${index.toString().padStart(16, "0")}`) : ledger.append(adjust(userId, -15, `k${index}`))).then(
        () => "ok",
        (error: { code?: string }) => error.code ?? "thrown",
      ),
    );
    // The appends that were written, again at once, as retries whose answers were lost: nothing changes.
    const written = (index: number) => outcomes[index] === "ok";
    const before = await sumOf(userId);
    await concurrently(100, async (index) => {
      if (!written(index)) return;
      await (index % 2 === 0 ? credit(userId, 10, `rwd_${index.toString().padStart(16, "0")}`) : ledger.append(adjust(userId, -15, `k${index}`)));
    });
    expect(await sumOf(userId)).toBe(before);

    const entries = await ledger.entries(userId);
    const debits = entries.filter((entry) => entry.points < 0).length;
    expect(outcomes.filter((o) => o !== "ok" && o !== "insufficient_points")).toEqual([]);
    expect(entries.filter((entry) => entry.points > 0)).toHaveLength(50);
    expect(debits).toBe(outcomes.filter((o, index) => index % 2 === 1 && o === "ok").length);
    expect(firstInconsistency(entries)).toBeNull();
    expect(entries.every((entry) => entry.balanceAfter >= 0)).toBe(true);
    expect(await ledger.balance(userId)).toBe(await sumOf(userId));
    expect(await ledger.balance(userId)).toBe(500 - 15 * debits);
  }, 120_000);

  it("refuses an append after a stale read with conflict, and lists entries newest first by page", async () => {
    const userId = testId("usr");
    await credit(userId, 5);
    await credit(userId, 6);
    expect(await rejectionOf(ledger.append(adjust(userId, 1, "late"), { afterSeq: 1 }))).toMatchObject({ code: "conflict" });
    const first = await ledger.listEntries(userId, { limit: 1, order: "desc" });
    expect(first.items.map((entry) => entry.points)).toEqual([6]);
    const second = await ledger.listEntries(userId, { limit: 1, order: "desc", ...(first.next && { after: first.next }) });
    expect(second.items.map((entry) => entry.points)).toEqual([5]);
    expect(second.next).toBeUndefined();
  });

  it("finds participants with earn entries past expiry until they are settled, and who earned from an organization", async () => {
    const userId = testId("usr");
    const entry = await credit(userId, 5);
    expect(await ledger.usersWithDueExpiries(secondsAfter(now, 3599), 1000)).not.toContain(userId);
    expect(await ledger.usersWithDueExpiries(secondsAfter(now, 3600), 1000)).toContain(userId);
    await ledger.markSettled([entry.id]);
    expect(await ledger.usersWithDueExpiries(secondsAfter(now, 3600), 1000)).not.toContain(userId);
    expect(await ledger.hasEarnedFrom(userId, orgId)).toBe(true);
    expect(await ledger.hasEarnedFrom(userId, testId("org"))).toBe(false);
  });
});
