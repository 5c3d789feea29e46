import type { VoucherPool } from "../../domain/vouchers/voucher-pool.js";
import { unsweptNumbers } from "../../domain/vouchers/voucher-pool.js";
import type { Clock } from "../../ports/clock.js";
import type { VoucherCodeStore } from "../../ports/voucher-code-store.js";
import type { VoucherPoolRepository } from "../../ports/voucher-pool-repository.js";

export interface RecoverVoucherNumbersDeps {
  voucherPools: VoucherPoolRepository;
  voucherCodes: VoucherCodeStore;
  clock: Clock;
}

/**
 * Gives back the numbers a crash lost: an allocation takes a number, then inserts the code's
 * allocation, and a crash in between leaves the code stored, unexpired and given to nobody, its
 * number taken. The taken numbers not yet looked at (at most `limit`) are checked at once: those
 * whose code is neither allocated, expired nor already given back are given back, to be taken
 * again first. Giving back the number of an attempt still in flight is harmless: the allocation's
 * key is the code, so of that attempt and the next taker one gets the code and the other takes
 * another number. Returns the numbers given back.
 */
export async function recoverVoucherNumbers(deps: RecoverVoucherNumbersDeps, pool: VoucherPool, limit: number): Promise<number[]> {
  const range = unsweptNumbers(pool, limit);
  if (!range) return [];
  const numbers = Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
  const [codes, allocated] = await Promise.all([deps.voucherCodes.findCodes(pool.id, numbers), deps.voucherCodes.allocatedNumbers(pool.id, numbers)]);
  const now = deps.clock.now();
  const passedOver = new Set([...allocated, ...pool.returned]);
  const lost = codes.filter((code) => !passedOver.has(code.number) && (code.expiresAt === null || code.expiresAt > now)).map((code) => code.number);
  for (const number of lost) await deps.voucherPools.giveBackNumber(pool.id, number);
  await deps.voucherPools.markSwept(pool.id, range.to);
  return lost;
}
