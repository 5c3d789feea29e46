import { AppError } from "../../domain/app-error.js";
import { accepted, isSettled, sending } from "../../domain/payouts/payout.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import type { PayoutSendingDeps } from "./payout-deps.js";
import { settlePayout, settleReward } from "./settle-payout.js";

/**
 * One attempt to hand a payout to the provider (the payout.send.v1 task). The payout moves to
 * processing with its recipient before the first request, and every attempt after sends the same
 * order under the reward id, so an attempt whose answer was lost (a timeout after the provider
 * accepted) is answered with the order it created, never a second one. A transient failure
 * throws `unavailable` and Cloud Tasks retries with the queue's backoff; a refusal fails it.
 */
export async function sendPayout(deps: PayoutSendingDeps, payoutId: string): Promise<string> {
  const found = await deps.payouts.findById(payoutId);
  if (!found) return "no such payout";
  if (isSettled(found)) {
    await settleReward(deps, found);
    return `already ${found.status}`;
  }
  let payout = found;
  if (payout.status === "pending") {
    const details = await deps.payoutDetails.findById(payout.userId);
    if (!details) return "awaiting payout details";
    const now = deps.clock.now();
    const moved = await updateAggregate(deps.payouts, payoutId, (current) =>
      current.status === "pending" ? { next: sending(current, { name: details.name, email: details.email }, now) } : null,
    );
    if (!moved) return "no such payout";
    payout = moved;
  }
  if (payout.status !== "processing") return `already ${payout.status}`;
  if (!payout.recipient) throw new AppError("internal", "a processing payout has no recipient");
  const outcome = await deps.provider.send({ idempotencyKey: payout.rewardId, amount: payout.amount, currency: payout.currency, recipient: payout.recipient });
  if (outcome.kind === "refused") {
    deps.logger.warn("payout.refused", { payoutId, detail: outcome.detail });
    await settlePayout(deps, payoutId, { delivery: "failed", reason: "provider_refused", orderId: null });
    return "refused";
  }
  if (outcome.delivery === "paid") await settlePayout(deps, payoutId, { delivery: "paid", orderId: outcome.orderId });
  else if (outcome.delivery === "failed") await settlePayout(deps, payoutId, { delivery: "failed", reason: "delivery_failed", orderId: outcome.orderId });
  else {
    const now = deps.clock.now();
    await updateAggregate(deps.payouts, payoutId, (current) =>
      current.status === "processing" && current.providerOrderId === null ? { next: accepted(current, outcome.orderId, now) } : null,
    );
  }
  return `accepted (${outcome.delivery})`;
}
