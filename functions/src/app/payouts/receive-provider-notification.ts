import { AppError } from "../../domain/app-error.js";
import type { PayoutSendingDeps } from "./payout-deps.js";
import { settlePayout, settleReward } from "./settle-payout.js";

/**
 * A notification from the payouts provider. Its signature is checked before anything is read;
 * its body only names the delivery that changed, whose state is then read back from the provider,
 * so a replayed or stale notification settles nothing the provider does not say. Repeats are
 * harmless: a settled payout is not settled again. A transient failure to read the provider throws
 * `unavailable`, and the provider sends the notification again.
 */
export async function receiveProviderNotification(deps: PayoutSendingDeps, rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<string> {
  const notification = deps.provider.verifyNotification(rawBody, headers);
  if (!notification) throw new AppError("unauthenticated", "the notification is not signed by the payouts provider");
  const delivery = await deps.provider.deliveryOf(notification);
  if (!delivery) return `ignored ${notification.event}`;
  const payout = await deps.payouts.findByReward(delivery.idempotencyKey);
  if (!payout) return "no payout for this order";
  if (delivery.delivery === "processing") return "still processing";
  if (payout.status === "paid" || payout.status === "failed") {
    await settleReward(deps, payout);
    return `already ${payout.status}`;
  }
  const settled =
    delivery.delivery === "paid"
      ? await settlePayout(deps, payout.id, { delivery: "paid", orderId: delivery.orderId })
      : await settlePayout(deps, payout.id, { delivery: "failed", reason: "delivery_failed", orderId: delivery.orderId });
  return settled ? `payout ${settled.status}` : "no such payout";
}
