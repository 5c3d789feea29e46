import type { Payout } from "@user-x/sdk";

/** A payout's state in the participant's words. */
export function payoutStatusLabel(payout: Pick<Payout, "status" | "waitingForDetails" | "failureReason">): string {
  if (payout.status === "paid") return "paid";
  if (payout.status === "processing") return "on its way";
  if (payout.status === "pending") return payout.waitingForDetails ? "waiting for your payout details" : "about to be sent";
  return payout.failureReason === "delivery_failed" ? "could not be delivered" : "refused by the payouts provider";
}
