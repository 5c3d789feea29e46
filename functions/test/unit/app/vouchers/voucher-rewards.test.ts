import { describe, expect, it } from "vitest";
import { cryptoRandom } from "../../../../src/adapters/crypto-random.js";
import { issueReward } from "../../../../src/app/rewards/issue-reward.js";
import { generateVoucherCodes, importVoucherCodes } from "../../../../src/app/vouchers/add-voucher-codes.js";
import { getRewardVoucher, listVoucherCodes } from "../../../../src/app/vouchers/read-vouchers.js";
import { checkVoucherNumbers } from "../../../../src/app/reconciliation/check-voucher-numbers.js";
import { allocateVoucher } from "../../../../src/app/vouchers/allocate-voucher.js";
import { retryPoolRewards } from "../../../../src/app/vouchers/retry-pool-rewards.js";
import { createVoucherPool } from "../../../../src/app/vouchers/voucher-pools.js";
import { completedClaim } from "../../support/completed-claim.js";
import { organizationWithEveryRole } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

async function poolOf(deps: InMemoryDeps, lowStockThreshold = 0) {
  const { org, owner, viewer } = await organizationWithEveryRole(deps);
  const pool = await createVoucherPool(deps, owner, { orgId: org.id, name: "Coffee", redemptionInstructions: "Show it at the till", lowStockThreshold });
  return { org, owner, viewer, pool };
}

describe("adding codes", () => {
  it("imports CSV rows, reporting duplicates (in the pool or repeated) and rows that are no code", async () => {
    const deps = inMemoryDeps();
    const { org, owner, pool } = await poolOf(deps);
    await importVoucherCodes(deps, owner, org.id, pool.id, { codes: [{ code: "AAAA-0001" }] });

    const csv = "code,expiresAt\nAAAA-0001,\nBBBB-0002,2027-01-01T00:00:00Z\nBBBB-0002,\nbad code\nCCCC-0003,\n";
    const added = await importVoucherCodes(deps, owner, org.id, pool.id, { csv });

    expect(added).toMatchObject({ added: 2, duplicates: { count: 2, examples: ["AAAA-0001", "BBBB-0002"] }, invalid: { count: 1, lines: [5] }, stock: { added: 3, allocated: 0, available: 3 } });
    expect(deps.publisher.ofType("voucher_pool.restocked.v1")).toMatchObject([{ data: { added: 1 } }, { data: { added: 2, available: 3 } }]);
  });

  it("generates unique codes of the pattern from a cryptographic source", async () => {
    const deps = inMemoryDeps();
    const random = cryptoRandom;
    const { org, owner, pool } = await poolOf(deps);
    const added = await generateVoucherCodes({ ...deps, random }, owner, org.id, pool.id, { count: 500, pattern: "BREW-####-????", charset: "ABCDEFGH", prefix: "", suffix: "" });
    expect(added).toMatchObject({ added: 500, stock: { available: 500 } });
    const codes = [...deps.voucherCodes.codes.values()].map((code) => code.code);
    expect(new Set(codes).size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^BREW-\d{4}-[A-H]{4}$/);
  });

  it("lets only members who may write rewards add codes", async () => {
    const deps = inMemoryDeps();
    const { org, viewer, pool } = await poolOf(deps);
    await expect(importVoucherCodes(deps, viewer, org.id, pool.id, { codes: [{ code: "AAAA-0001" }] })).rejects.toMatchObject({ code: "forbidden" });
    expect(deps.voucherCodes.codes.size).toBe(0);
  });
});

describe("voucher rewards", () => {
  it("give each completed claim one code, once however often the event arrives, and the participant alone may reveal it", async () => {
    const deps = inMemoryDeps();
    const { org, owner, pool } = await poolOf(deps);
    await importVoucherCodes(deps, owner, org.id, pool.id, { codes: [{ code: "AAAA-0001" }, { code: "BBBB-0002" }] });
    const { alice, completed } = await completedClaim(deps, { type: "voucher", value: 500, currency: "EUR", poolId: pool.id }, org.id);

    expect(await issueReward(deps, completed)).toBe("issued");
    expect(await issueReward(deps, completed)).toBe("already_issued");

    const [reward] = deps.rewards.table.all();
    expect(reward).toMatchObject({ type: "voucher", status: "issued", poolId: pool.id });
    expect(deps.voucherCodes.allocations.size).toBe(1);
    expect(await getRewardVoucher(deps, alice, reward!.id)).toMatchObject({ code: "AAAA-0001", redemptionInstructions: "Show it at the till" });
    await expect(getRewardVoucher(deps, owner, reward!.id)).rejects.toMatchObject({ code: "not_found" });
    const listed = await listVoucherCodes(deps, owner, org.id, pool.id, { limit: 10 });
    expect(listed.data).toMatchObject([
      { maskedCode: "••••-•001", status: "allocated", rewardId: reward!.id },
      { maskedCode: "••••-•002", status: "available", rewardId: null },
    ]);
  });

  it("fail for pool_exhausted when no code is left, once, and are issued when codes are added", async () => {
    const deps = inMemoryDeps();
    const { org, owner, pool } = await poolOf(deps);
    const { completed } = await completedClaim(deps, { type: "voucher", value: 500, currency: "EUR", poolId: pool.id }, org.id);

    expect(await issueReward(deps, completed)).toBe("pool_exhausted");
    expect(await issueReward(deps, completed)).toBe("pool_exhausted");
    expect(deps.rewards.table.all()).toMatchObject([{ status: "failed", failureReason: "pool_exhausted" }]);
    expect(deps.publisher.ofType("reward.failed.v1")).toHaveLength(1);

    await importVoucherCodes(deps, owner, org.id, pool.id, { codes: [{ code: "LATE-0001" }] });
    expect(await retryPoolRewards(deps, pool.id)).toBe("1 of 1 waiting rewards issued");
    expect(deps.rewards.table.all()).toMatchObject([{ status: "issued", failureReason: null }]);
  });

  it("send voucher_pool.low.v1 once when the codes left fall to the threshold", async () => {
    const deps = inMemoryDeps();
    const { org, owner, pool } = await poolOf(deps, 1);
    await importVoucherCodes(deps, owner, org.id, pool.id, { codes: [{ code: "AAAA-0001" }, { code: "BBBB-0002" }, { code: "CCCC-0003" }] });
    for (let i = 0; i < 3; i++) await completedClaim(deps, { type: "voucher", value: 500, currency: "EUR", poolId: pool.id }, org.id);
    for (const completed of deps.publisher.ofType("claim.completed.v1")) expect(await issueReward(deps, completed)).toBe("issued");
    expect(deps.publisher.ofType("voucher_pool.low.v1")).toMatchObject([{ data: { poolId: pool.id, available: 1, lowStockThreshold: 1 } }]);
  });

  it("pass over a code past its expiry, and count it no longer left", async () => {
    const deps = inMemoryDeps();
    const { org, owner, pool } = await poolOf(deps);
    const yesterday = new Date(deps.clock.now().getTime() - 86_400_000).toISOString();
    await importVoucherCodes(deps, owner, org.id, pool.id, { codes: [{ code: "OLD-00001", expiresAt: yesterday }, { code: "NEW-00002" }] });
    const { alice } = await completedClaim(deps, { type: "voucher", value: 500, currency: "EUR", poolId: pool.id }, org.id);

    const given = await allocateVoucher(deps, { kind: "reward", id: deps.ids.next("rwd"), userId: alice.userId }, pool.id);

    expect(given).toMatchObject({ number: 2 });
    expect((await deps.voucherPools.findById(pool.id))).toMatchObject({ added: 2, allocated: 1, expired: 1 });
  });
});

describe("voucher numbers a crash lost", () => {
  it("are given back by the reconciliation and taken again first; numbers in flight, given or passed over are left alone", async () => {
    const deps = inMemoryDeps();
    const { org, owner, pool } = await poolOf(deps);
    await importVoucherCodes(deps, owner, org.id, pool.id, { codes: [{ code: "AAAA-0001" }, { code: "BBBB-0002" }, { code: "CCCC-0003" }] });
    const holder = (id: string) => ({ kind: "reward" as const, id, userId: "usr_0000000000000000" });
    await allocateVoucher(deps, holder("rwd_000000000000000a"), pool.id);
    // The crash: number 2 taken, its allocation never inserted.
    expect(await deps.voucherPools.takeNumber(pool.id)).toBe(2);

    const { breaks } = await checkVoucherNumbers(deps, 100);
    expect(breaks).toMatchObject([{ invariant: "voucher_number_used", subject: `${pool.id}#2`, repaired: true }]);
    expect((await checkVoucherNumbers(deps, 100)).breaks).toEqual([]);

    expect(await allocateVoucher(deps, holder("rwd_000000000000000b"), pool.id)).toMatchObject({ number: 2 });
    expect(await allocateVoucher(deps, holder("rwd_000000000000000c"), pool.id)).toMatchObject({ number: 3 });
    expect(await allocateVoucher(deps, holder("rwd_000000000000000d"), pool.id)).toBeNull();
    expect(new Set([...deps.voucherCodes.allocations.values()].map((allocation) => allocation.number))).toEqual(new Set([1, 2, 3]));
  });
});
