import { PubSub } from "@google-cloud/pubsub";
import { MongoClient, type Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureIndexes } from "../../../src/adapters/mongo/indexes.js";
import { voucherAllocationsCollection } from "../../../src/adapters/mongo/voucher-code-store.js";
import { randomIds } from "../../../src/adapters/random-ids.js";
import { importVoucherCodes } from "../../../src/app/vouchers/add-voucher-codes.js";
import { issueVoucherReward } from "../../../src/app/vouchers/issue-voucher-reward.js";
import { createVoucherPool } from "../../../src/app/vouchers/voucher-pools.js";
import type { Principal } from "../../../src/domain/identity/principal.js";

type UserPrincipal = Extract<Principal, { kind: "user" }>;
import { rewardFor, type Reward } from "../../../src/domain/rewards/reward.js";
import { platformEnv, uniqueName } from "../support/local-platform.js";
import { useCaseDeps } from "../support/use-case-deps.js";

// Voucher issuance wired to the real servers, all rewards fired at once in this process: each
// code must go to one reward, each reward get at most one code, and no code be lost.

let client: MongoClient;
let db: Db;
let pubsub: PubSub;

beforeAll(async () => {
  client = new MongoClient(platformEnv("MONGODB_URI"));
  db = client.db(uniqueName("it_vouchers").replace(/-/g, "_"));
  await ensureIndexes(db);
  pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await pubsub.close();
});

const deps = () => useCaseDeps(db, pubsub);

async function poolWithCodes(count: number) {
  const d = deps();
  const owner: UserPrincipal = { kind: "user", userId: randomIds.next("usr"), anonymous: false, operator: false };
  const orgId = randomIds.next("org");
  await d.organizations.insert({ id: orgId, name: "Acme", members: [{ userId: owner.userId, role: "owner" }], createdAt: new Date(), version: 1 });
  const pool = await createVoucherPool(d, owner, { orgId, name: "Burst", redemptionInstructions: "", lowStockThreshold: 0 });
  await addCodes(owner, orgId, pool.id, "A", count);
  return { owner, orgId, poolId: pool.id };
}

const addCodes = (owner: UserPrincipal, orgId: string, poolId: string, series: string, count: number) =>
  importVoucherCodes(deps(), owner, orgId, poolId, { codes: Array.from({ length: count }, (_, i) => ({ code: `${series}-${String(i).padStart(6, "0")}` })) });

async function pendingVoucherRewards(orgId: string, poolId: string, count: number): Promise<Reward[]> {
  const d = deps();
  return Promise.all(
    Array.from({ length: count }, async () => {
      const claim = { id: randomIds.next("clm"), opportunityId: randomIds.next("opp"), orgId, userId: randomIds.next("usr") };
      const reward = rewardFor({ type: "voucher", value: 500, currency: "EUR", poolId }, claim, randomIds.next("rwd"), new Date());
      await d.rewards.insert(reward);
      return reward;
    }),
  );
}

describe("voucher issuance on the real servers", () => {
  it("500 rewards at once on a pool of 300: 300 distinct codes, 200 pool_exhausted, none lost; adding codes completes them", async () => {
    const { owner, orgId, poolId } = await poolWithCodes(300);
    const rewards = await pendingVoucherRewards(orgId, poolId, 500);

    const outcomes = await Promise.all(rewards.map((reward) => issueVoucherReward(deps(), reward, poolId)));

    expect(outcomes.filter((o) => o === "issued")).toHaveLength(300);
    expect(outcomes.filter((o) => o === "pool_exhausted")).toHaveLength(200);
    const allocations = await voucherAllocationsCollection(db).find({ poolId }).toArray();
    expect(allocations).toHaveLength(300);
    expect(new Set(allocations.map((a) => a.number)).size).toBe(300);
    expect(new Set(allocations.map((a) => a.rewardId)).size).toBe(300);
    const stored = await Promise.all(rewards.map((reward) => deps().rewards.findById(reward.id)));
    expect(stored.filter((r) => r?.status === "failed" && r.failureReason === "pool_exhausted")).toHaveLength(200);
    expect((await deps().voucherPools.findById(poolId))?.allocated).toBe(300);

    await addCodes(owner, orgId, poolId, "B", 200);
    const retried = await Promise.all(stored.filter((r) => r?.status === "failed").map((reward) => issueVoucherReward(deps(), reward!, poolId)));
    expect(retried.every((o) => o === "issued")).toBe(true);
    const all = await voucherAllocationsCollection(db).find({ poolId }).toArray();
    expect(new Set(all.map((a) => a.number)).size).toBe(500);
    expect(new Set(all.map((a) => a.rewardId)).size).toBe(500);
    // About 5,000 writes, one at a time on the local server (its write serializer): correctness under the burst is the point, not its pace.
  }, 600_000);

  it("the same reward issued three times at once gets one code, and the numbers the losers took are given back", async () => {
    const { orgId, poolId } = await poolWithCodes(3);
    const [reward] = await pendingVoucherRewards(orgId, poolId, 1);

    const outcomes = await Promise.all([1, 2, 3].map(() => issueVoucherReward(deps(), reward!, poolId)));

    expect(outcomes.filter((o) => o === "issued")).toHaveLength(1);
    expect(await voucherAllocationsCollection(db).countDocuments({ poolId })).toBe(1);
    // The two codes left are still there to give: two more rewards get them.
    const more = await pendingVoucherRewards(orgId, poolId, 2);
    expect(await Promise.all(more.map((r) => issueVoucherReward(deps(), r, poolId)))).toEqual(["issued", "issued"]);
  });
});
