import { domainEvent } from "../../domain/events/domain-event.js";
import type { Reward } from "../../domain/rewards/reward.js";
import { lowStockChange, stockOf } from "../../domain/vouchers/voucher-pool.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { VoucherAllocation, VoucherCodeStore } from "../../ports/voucher-code-store.js";
import type { VoucherPoolRepository } from "../../ports/voucher-pool-repository.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";

export type AllocateVoucherDeps = DispatchDeps & { voucherPools: VoucherPoolRepository; voucherCodes: VoucherCodeStore; ids: Ids; clock: Clock };

/**
 * Gives the reward one code of its pool, exactly once: the code it was given already, else the
 * code of the next number the pool hands out. The allocation is one insert keyed by the code and
 * by the reward, so a code is never given twice and a reward never gets two; an attempt that
 * loses the reward's race gives its number back, so no code is lost. Null when the pool has no
 * code left.
 */
export async function allocateVoucher(deps: AllocateVoucherDeps, reward: Pick<Reward, "id" | "userId">, poolId: string): Promise<VoucherAllocation | null> {
  const existing = await deps.voucherCodes.findAllocationByReward(reward.id);
  if (existing) return existing;
  for (;;) {
    const number = await deps.voucherPools.takeNumber(poolId);
    if (number === null) return null;
    const now = deps.clock.now();
    const code = await deps.voucherCodes.findCode(poolId, number);
    // A number left unused by a duplicate in an import, or a code past its expiry: nothing to give.
    if (!code || (code.expiresAt !== null && code.expiresAt <= now)) continue;
    const allocation: VoucherAllocation = { poolId, number, rewardId: reward.id, userId: reward.userId, allocatedAt: now };
    const outcome = await deps.voucherCodes.allocate(allocation);
    if (outcome === "allocated") {
      await countAllocation(deps, poolId);
      return allocation;
    }
    if (outcome === "reward_has_code") {
      await deps.voucherPools.giveBackNumber(poolId, number);
      return deps.voucherCodes.findAllocationByReward(reward.id);
    }
  }
}

/** Counts the code given, and raises the low-stock alert once when the codes left fall to the threshold. */
async function countAllocation(deps: AllocateVoucherDeps, poolId: string): Promise<void> {
  const counted = await deps.voucherPools.countAllocated(poolId);
  if (lowStockChange(counted) !== "raise") return;
  await updateAggregate(deps.voucherPools, poolId, (current) => {
    if (lowStockChange(current) !== "raise") return null;
    const data = { poolId, available: stockOf(current).available, lowStockThreshold: current.lowStockThreshold };
    return { next: { ...current, lowStockAlerted: true }, events: [domainEvent("voucher_pool.low.v1", current.orgId, data, deps.ids.next("evt"), deps.clock.now())] };
  });
  await dispatchEvents(deps, { aggregate: "voucherPool", id: poolId });
}
