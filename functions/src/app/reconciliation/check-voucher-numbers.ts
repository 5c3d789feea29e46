import { recoverVoucherNumbers, type RecoverVoucherNumbersDeps } from "../vouchers/recover-voucher-numbers.js";
import type { Break } from "./report-break.js";

export type VoucherNumbersDeps = RecoverVoucherNumbersDeps;

/** Every taken voucher number ends in an allocation, an expired code passed over, or back in its pool (recover-voucher-numbers.ts). */
export async function checkVoucherNumbers(deps: VoucherNumbersDeps, limit: number): Promise<{ checked: number; breaks: Break[] }> {
  const breaks: Break[] = [];
  let checked = 0;
  for (const pool of await deps.voucherPools.listUnswept(limit)) {
    const before = pool.sweptUpTo;
    const lost = await recoverVoucherNumbers(deps, pool, limit);
    checked += Math.min(limit, pool.nextNumber - 1 - before);
    for (const number of lost) {
      breaks.push({ invariant: "voucher_number_used", subject: `${pool.id}#${number}`, detail: "a taken number's code was given to nobody; the number is back in its pool", repaired: true, fields: { poolId: pool.id } });
    }
  }
  return { checked, breaks };
}
