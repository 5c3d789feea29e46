import { z } from "zod";

// The part of Tremendous' REST API v2 (https://developers.tremendous.com/reference) the payouts
// adapter speaks, as zod schemas of what it reads back. Unknown fields are allowed: the provider
// adds fields without notice, and only these are relied on.

export const DeliveryStatus = z.enum(["SCHEDULED", "PENDING", "SUCCEEDED", "FAILED"]);

export const TremendousReward = z.looseObject({
  id: z.string().min(1),
  order_id: z.string().min(1),
  delivery: z.looseObject({ status: DeliveryStatus }),
});

export const TremendousOrder = z.looseObject({
  id: z.string().min(1),
  external_id: z.string().nullable().optional(),
  status: z.string(),
  rewards: z.array(TremendousReward).default([]),
});

export const OrderResponse = z.looseObject({ order: TremendousOrder });
export const RewardResponse = z.looseObject({ reward: TremendousReward });

/** The body of a webhook: which resource an event is about, never its state. */
export const WebhookBody = z.looseObject({
  event: z.string().min(1),
  uuid: z.string().min(1),
  created_utc: z.string(),
  payload: z.looseObject({ resource: z.looseObject({ id: z.string().min(1), type: z.string() }) }),
});

/** The events of a reward's delivery; the others (orders, campaigns, members …) are not about payouts. */
export const deliveryEvents = new Set(["REWARDS.DELIVERY.SUCCEEDED", "REWARDS.DELIVERY.FAILED"]);

/** The header that carries a webhook's signature: `sha256=` and the hex HMAC-SHA256 of the raw body under the webhook's private key. */
export const signatureHeader = "tremendous-webhook-signature";
