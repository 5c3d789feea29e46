import type { PayoutDetailsIn, PayoutDetailsOut } from "../../contracts/payouts.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { changedPayoutDetails, newPayoutDetails } from "../../domain/payouts/payout-details.js";
import { insertIfAbsent, updateAggregate } from "../shared/update-aggregate.js";
import { sendTaskName, type PayoutDeps } from "./payout-deps.js";
import { presentPayoutDetails } from "./present.js";

/**
 * Sets where the caller's cash rewards are paid, then sends the payouts that waited for it.
 * Details are read when a payout leaves `pending`: one already sent keeps the address it was sent to.
 */
export async function savePayoutDetails(deps: PayoutDeps, principal: Principal, given: PayoutDetailsIn): Promise<PayoutDetailsOut> {
  const userId = requireUser(principal);
  const now = deps.clock.now();
  const fresh = newPayoutDetails(userId, given, now);
  const saved = (await insertIfAbsent(deps.payoutDetails, fresh))
    ? fresh
    : await updateAggregate(deps.payoutDetails, userId, (current) => ({ next: changedPayoutDetails(current, given, now) }));
  for (const payout of await deps.payouts.listWaitingForDetails(userId)) {
    await deps.tasks.enqueue({ kind: "payout.send.v1", payoutId: payout.id }, { name: sendTaskName(payout.id) });
  }
  return presentPayoutDetails(userId, saved);
}
