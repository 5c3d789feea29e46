import { domainEvent } from "../../domain/events/domain-event.js";
import { lowStockChange, stockOf } from "../../domain/vouchers/voucher-pool.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { VoucherAllocation, VoucherCodeStore, VoucherHolderKind } from "../../ports/voucher-code-store.js";
import type { VoucherPoolRepository } from "../../ports/voucher-pool-repository.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";

export type AllocateVoucherDeps = DispatchDeps & { voucherPools: VoucherPoolRepository; voucherCodes: VoucherCodeStore; ids: Ids; clock: Clock };

/** Who a code is for: a voucher reward or a redemption of points, and its participant. */
export interface VoucherHolder {
  kind: VoucherHolderKind;
  id: string;
  userId: string;
}

/**
 * Gives the holder one code of its pool, exactly once: the code it was given already, else the
 * code of the next number the pool hands out. The allocation is one insert keyed by the code and
 * by the holder, so a code is never given twice and a holder never gets two; an attempt that
 * loses the holder's race gives its number back, so no code is lost. Null when the pool has no
 * code left.
 */
export async function allocateVoucher(deps: AllocateVoucherDeps, holder: VoucherHolder, poolId: string): Promise<VoucherAllocation | null> {
  const existing = await deps.voucherCodes.findAllocationOf(holder.id);
  if (existing) return existing;
  for (;;) {
    const number = await deps.voucherPools.takeNumber(poolId);
    if (number === null) return null;
    const now = deps.clock.now();
    const code = await deps.voucherCodes.findCode(poolId, number);
    // A number left unused by a duplicate in an import: nothing to give.
    if (!code) continue;
    // A code past its expiry: passed over for good, and no longer counted as left.
    if (code.expiresAt !== null && code.expiresAt <= now) {
      await deps.voucherPools.countExpired(poolId);
      continue;
    }
    const allocation: VoucherAllocation = { poolId, number, holderKind: holder.kind, holderId: holder.id, userId: holder.userId, allocatedAt: now };
    const outcome = await deps.voucherCodes.allocate(allocation);
    if (outcome === "allocated") {
      await countAllocation(deps, poolId);
      return allocation;
    }
    if (outcome === "holder_has_code") {
      await deps.voucherPools.giveBackNumber(poolId, number);
      return deps.voucherCodes.findAllocationOf(holder.id);
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
