import type { PayoutRecipient } from "../domain/payouts/payout.js";

/** One payout as the provider is asked for it; `idempotencyKey` (the reward id) names the same order on every attempt. */
export interface PayoutOrder {
  idempotencyKey: string;
  amount: number;
  currency: string;
  recipient: PayoutRecipient;
}

/** Where an order stands at the provider. */
export type ProviderDelivery = "processing" | "paid" | "failed";

/**
 * What sending an order came to: `accepted` (a new order, or the one an earlier attempt with the
 * same key created) or `refused` for good (a request the provider will never take). A transient
 * failure (unreachable, 5xx, 429, a timeout) throws AppError `unavailable`, to be retried.
 */
export type SendOutcome = { kind: "accepted"; orderId: string; delivery: ProviderDelivery } | { kind: "refused"; detail: string };

/** A notification the provider signed: which of its resources changed (re-read, never trusted as sent). */
export interface ProviderNotification {
  event: string;
  resourceId: string;
}

/** The payouts provider (Tremendous in production; tools/payouts-sandbox.mjs locally). */
export interface PayoutProvider {
  send(order: PayoutOrder): Promise<SendOutcome>;
  /** The notification in `rawBody` when its signature is the provider's; null otherwise. */
  verifyNotification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderNotification | null;
  /** The order a notified delivery belongs to, read back from the provider: its idempotency key and where it stands. */
  deliveryOf(notification: ProviderNotification): Promise<{ idempotencyKey: string; orderId: string; delivery: ProviderDelivery } | null>;
}
