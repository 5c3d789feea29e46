import { z } from "zod";
import { VoucherPoolOut, type VoucherPoolIn, type VoucherPoolPatch } from "../../contracts/vouchers.js";
import { firstVersion, Version } from "../aggregate.js";

/**
 * An organization's stock of voucher codes. Each code added gets the next number of the pool
 * (`lastNumber`); rewards take numbers in turn (`nextNumber`; `untaken` of them are left), and a
 * number given back by an attempt that lost its race (`returned`) is taken again first. The
 * counters move by atomic operators of their own (adapters/mongo/voucher-pool-repository.ts),
 * never by a save.
 */
export const VoucherPool = VoucherPoolOut.omit({ stock: true }).extend({
  createdAt: z.date(),
  updatedAt: z.date(),
  /** Whether `voucher_pool.low.v1` was sent since the stock last rose above the threshold. */
  lowStockAlerted: z.boolean(),
  lastNumber: z.number().int().min(0),
  nextNumber: z.number().int().min(1),
  untaken: z.number().int().min(0),
  returned: z.array(z.number().int()),
  returnedCount: z.number().int().min(0),
  added: z.number().int().min(0),
  allocated: z.number().int().min(0),
  /** Codes added that expired before a reward took them: passed over, no longer left. (Pools older than the field had none counted.) */
  expired: z.number().int().min(0).default(0),
  /**
   * The numbers up to which the reconciliation found every taken number allocated, passed over or
   * given back (app/vouchers/recover-voucher-numbers.ts).
   */
  sweptUpTo: z.number().int().min(0).default(0),
  version: Version,
});
export type VoucherPool = z.infer<typeof VoucherPool>;

/** The counters of a pool, which only its repository's atomic operations move. */
export const voucherPoolCounters = ["lastNumber", "nextNumber", "untaken", "returned", "returnedCount", "added", "allocated", "expired", "sweptUpTo"] as const;

export function newVoucherPool(input: z.output<typeof VoucherPoolIn>, id: string, now: Date): VoucherPool {
  return {
    id,
    orgId: input.orgId,
    name: input.name,
    redemptionInstructions: input.redemptionInstructions,
    lowStockThreshold: input.lowStockThreshold,
    lowStockAlerted: false,
    lastNumber: 0,
    nextNumber: 1,
    untaken: 0,
    returned: [],
    returnedCount: 0,
    added: 0,
    allocated: 0,
    expired: 0,
    sweptUpTo: 0,
    createdAt: now,
    updatedAt: now,
    version: firstVersion,
  };
}

export function patchedVoucherPool(pool: VoucherPool, patch: z.output<typeof VoucherPoolPatch>, now: Date): VoucherPool {
  return { ...pool, ...patch, updatedAt: now };
}

/**
 * Codes added, given, and left (neither given nor found expired when their turn came); never below
 * zero while counters catch up after a crash. A code past its expiry counts as left until a
 * reward's turn reaches it.
 */
export function stockOf(pool: Pick<VoucherPool, "added" | "allocated" | "expired">) {
  return { added: pool.added, allocated: pool.allocated, available: Math.max(0, pool.added - pool.allocated - pool.expired) };
}

/** The taken numbers the reconciliation has not looked at yet, at most `limit` of them: [from, to], or null when there are none. */
export function unsweptNumbers(pool: Pick<VoucherPool, "nextNumber" | "sweptUpTo">, limit: number): { from: number; to: number } | null {
  const from = pool.sweptUpTo + 1;
  const to = Math.min(pool.nextNumber - 1, pool.sweptUpTo + limit);
  return to >= from ? { from, to } : null;
}

/**
 * Whether the low-stock alert changes: it is raised once when the codes left fall to the
 * threshold, and re-armed when codes added lift them above it again.
 */
export function lowStockChange(pool: VoucherPool): "raise" | "rearm" | null {
  const { available } = stockOf(pool);
  if (!pool.lowStockAlerted && available <= pool.lowStockThreshold) return "raise";
  if (pool.lowStockAlerted && available > pool.lowStockThreshold) return "rearm";
  return null;
}

/** A code as the console shows it: its separators and last three characters, the rest hidden. */
export function maskedCode(code: string): string {
  const shown = 3;
  return [...code].map((char, i) => (i >= code.length - shown || !/[0-9A-Za-z]/.test(char) ? char : "•")).join("");
}
