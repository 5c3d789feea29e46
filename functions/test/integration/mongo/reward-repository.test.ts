import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoRewardRepository } from "../../../src/adapters/mongo/reward-repository.js";
import { insertIfAbsent, updateAggregate } from "../../../src/app/shared/update-aggregate.js";
import { issued } from "../../../src/domain/rewards/reward.js";
import type { RewardRepository } from "../../../src/ports/reward-repository.js";
import { aClaim, aReward, anActiveOpportunity, now, rewardIssued, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, storedDocument, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let rewards: RewardRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_rewards"));
  rewards = mongoRewardRepository(db);
});

afterAll(() => drop());

/** Issues as app/rewards/issue-reward.ts does: only a pending reward, with reward.issued.v1 in the same save. */
const issue = (id: string, at: Date) =>
  updateAggregate(rewards, id, (current) => (current.status === "issued" ? null : { next: issued(current, at), events: [rewardIssued(current, at)] }));

describe("mongoRewardRepository", () => {
  it("stores a reward and finds it by id and by claim, as version 1", async () => {
    const reward = aReward(aClaim(anActiveOpportunity()));
    await rewards.insert(reward);
    expect(await rewards.findById(reward.id)).toEqual(reward);
    expect(await rewards.findByClaim(reward.claimId)).toEqual(reward);
    expect(await rewards.findByClaim(testId("clm"))).toBeNull();
    expect(await storedDocument(db, "rewards", reward.id)).toMatchObject({ version: 1, outbox: [] });
  });

  it("refuses a second reward for the same claim with conflict, writing nothing", async () => {
    const claim = aClaim(anActiveOpportunity());
    const first = aReward(claim);
    await rewards.insert(first);
    const second = aReward(claim);
    await expect(rewards.insert(second, [rewardIssued(second)])).rejects.toMatchObject({ name: "AppError", code: "conflict" });
    expect(await storedDocuments(db, "rewards").find({ claimId: claim.id }).toArray()).toEqual([expect.objectContaining({ _id: first.id, outbox: [] })]);
  });

  it("stores one reward per claim under concurrent inserts, and every caller finds that one", async () => {
    const claim = aClaim(anActiveOpportunity());
    const inserted = await Promise.all(Array.from({ length: 20 }, () => insertIfAbsent(rewards, aReward(claim))));
    const found = await concurrently(5, () => rewards.findByClaim(claim.id));

    const stored = await storedDocuments(db, "rewards").find({ claimId: claim.id }).toArray();
    expect(stored).toHaveLength(1);
    expect(inserted.filter(Boolean)).toHaveLength(1);
    for (const reward of found) expect(reward?.id).toBe(stored[0]?._id);
  });

  it("issues a pending reward once, with its event, however often and concurrently it is issued", async () => {
    const reward = aReward(aClaim(anActiveOpportunity()));
    await rewards.insert(reward);
    const at = secondsAfter(now, 10);

    const results = await concurrently(10, () => issue(reward.id, at));
    await issue(reward.id, secondsAfter(at, 1));

    for (const result of results) expect(result).toEqual({ ...reward, status: "issued", issuedAt: at, version: 2 });
    expect(await storedDocument(db, "rewards", reward.id)).toMatchObject({
      status: "issued",
      issuedAt: at,
      version: 2,
      outbox: [{ type: "reward.issued.v1", data: { rewardId: reward.id, claimId: reward.claimId } }],
    });
    expect((await storedDocument(db, "rewards", reward.id))?.outbox).toHaveLength(1);
  });

  it("lists a user's rewards", async () => {
    const userId = testId("usr");
    const older = aReward(aClaim(anActiveOpportunity(), { userId }));
    const newer = aReward(aClaim(anActiveOpportunity(), { userId }), { createdAt: secondsAfter(now, 1) });
    await rewards.insert(older);
    await rewards.insert(newer);
    await rewards.insert(aReward(aClaim(anActiveOpportunity())));
    expect(await rewards.listByUser(userId, { limit: 5, order: "desc" })).toEqual({ items: [newer, older] });
    expect(await rewards.listByUser(userId, { limit: 1, order: "asc" })).toEqual({ items: [older], next: { createdAt: older.createdAt, id: older.id } });
  });
});
