import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoPointsLedger } from "../../../src/adapters/mongo/points-ledger.js";
import { mongoRewardRepository } from "../../../src/adapters/mongo/reward-repository.js";
import type { PointsLedger, RewardRepository } from "../../../src/ports/repositories.js";
import { aClaim, aReward, anActiveOpportunity, now, rewardIssued, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let rewards: RewardRepository;
let ledger: PointsLedger;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_rewards"));
  rewards = mongoRewardRepository(db);
  ledger = mongoPointsLedger(db);
});

afterAll(() => drop());

describe("mongoRewardRepository", () => {
  it("inserts one reward per claim under concurrent duplicates, and hands every caller that one", async () => {
    const claim = aClaim(anActiveOpportunity());
    const candidates = Array.from({ length: 20 }, () => aReward(claim));

    const results = await Promise.all(candidates.map((reward) => rewards.insertOnce(reward)));

    const stored = await storedDocuments(db, "rewards").find({ claimId: claim.id }).toArray();
    expect(stored).toHaveLength(1);
    for (const result of results) expect(result.id).toBe(stored[0]?._id);
  });

  it("marks a pending reward issued once, with its events", async () => {
    const reward = await rewards.insertOnce(aReward(aClaim(anActiveOpportunity())));
    const issued = rewardIssued(reward);
    const at = secondsAfter(now, 10);

    expect(await rewards.markIssued(reward.id, at, [issued])).toEqual({ ...reward, status: "issued", issuedAt: at });
    expect(await rewards.markIssued(reward.id, secondsAfter(at, 1), [rewardIssued(reward)])).toBeNull();
    expect(await storedDocuments(db, "rewards").findOne({ _id: reward.id })).toMatchObject({ status: "issued", issuedAt: at, outbox: [issued] });
  });

  it("lists a user's rewards", async () => {
    const userId = testId("usr");
    const older = aReward(aClaim(anActiveOpportunity(), { userId }));
    const newer = aReward(aClaim(anActiveOpportunity(), { userId }), { createdAt: secondsAfter(now, 1) });
    await rewards.insertOnce(older);
    await rewards.insertOnce(newer);
    await rewards.insertOnce(aReward(aClaim(anActiveOpportunity())));
    expect(await rewards.listByUser(userId, { limit: 5, order: "desc" })).toEqual({ items: [newer, older] });
  });
});

describe("mongoPointsLedger", () => {
  it("credits an entry once, however often it is credited", async () => {
    const userId = testId("usr");
    const entry = { id: testId("rwd"), userId, points: 50, rewardId: testId("rwd"), at: now };

    await ledger.credit(entry);
    await ledger.credit(entry);
    await concurrently(5, () => ledger.credit(entry));

    expect(await storedDocuments(db, "points_ledger").countDocuments({ userId })).toBe(1);
    expect(await ledger.balance(userId)).toBe(50);
  });

  it("sums a user's entries, and no one else's", async () => {
    const userId = testId("usr");
    for (const points of [10, 25, 7]) await ledger.credit({ id: testId("rwd"), userId, points, rewardId: testId("rwd"), at: now });
    await ledger.credit({ id: testId("rwd"), userId: testId("usr"), points: 1_000, rewardId: testId("rwd"), at: now });
    expect(await ledger.balance(userId)).toBe(42);
    expect(await ledger.balance(testId("usr"))).toBe(0);
  });
});
