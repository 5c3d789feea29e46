import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../../domain/app-error.js";
import type { PayoutOrder, PayoutProvider, ProviderDelivery, SendOutcome } from "../../ports/payout-provider.js";
import { decimalAmount } from "./decimal-amount.js";
import { deliveryEvents, OrderResponse, RewardResponse, signatureHeader, WebhookBody, type TremendousOrder } from "./tremendous-api.js";
import type { z } from "zod";

export interface TremendousConfig {
  /** `https://testflight.tremendous.com/api/v2` (sandbox), `https://api.tremendous.com/api/v2`, or the local sandbox server. */
  baseUrl: string;
  apiKey: string;
  /** The webhook's private key, which signs every notification. */
  webhookSecret: string;
  /** `balance`, or the id of another funding source. */
  fundingSource: string;
  /** The catalogue product the payouts are made with (cash: PayPal, bank transfer …). */
  productId: string;
  /** How long one request may take before the attempt counts as failed (and is retried under the same key). */
  timeoutMs: number;
}

/**
 * Tremendous through its REST API. Every order carries the reward id as `external_id`, which
 * makes creating it idempotent: a repeat answers the order the first request created and creates
 * none. Failures are classified here, once: unreachable, timed out, 408, 409, 429 and 5xx are
 * transient (`unavailable`); other 4xx refuse the order for good; 401/403 are our configuration,
 * retried until an operator fixes it.
 */
export function tremendousPayoutProvider(config: TremendousConfig, fetchImpl: typeof fetch = fetch): PayoutProvider {
  const call = async (method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    let response: Response;
    try {
      response = await fetchImpl(`${config.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${config.apiKey}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      throw new AppError("unavailable", "the payouts provider did not answer", undefined, { cause: error });
    }
    const text = await response.text().catch(() => "");
    let json: unknown = null;
    try {
      json = text === "" ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, json };
  };

  const transient = (status: number) => status === 408 || status === 409 || status === 429 || status === 401 || status === 403 || status >= 500;

  const read = async <S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S> | null> => {
    const { status, json } = await call("GET", path);
    if (status === 404) return null;
    if (status !== 200) throw new AppError("unavailable", `the payouts provider answered ${status}`);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new AppError("unavailable", "the payouts provider answered an unexpected body");
    return parsed.data;
  };

  return {
    async send(order: PayoutOrder): Promise<SendOutcome> {
      // The provider's JSON carries the amount as a decimal number; it is written from the integer
      // of minor units as text and parsed once, which is exact for every amount MinorUnits allows.
      const denomination = Number(decimalAmount(order.amount, order.currency));
      const { status, json } = await call("POST", "/orders", {
        external_id: order.idempotencyKey,
        payment: { funding_source_id: config.fundingSource },
        reward: {
          value: { denomination, currency_code: order.currency },
          delivery: { method: "EMAIL" },
          recipient: { name: order.recipient.name, email: order.recipient.email },
          products: [config.productId],
        },
      });
      if (status === 200 || status === 201) {
        const parsed = OrderResponse.safeParse(json);
        if (!parsed.success) throw new AppError("unavailable", "the payouts provider answered an unexpected order");
        return { kind: "accepted", orderId: parsed.data.order.id, delivery: deliveryOf(parsed.data.order) };
      }
      if (transient(status)) throw new AppError("unavailable", `the payouts provider answered ${status}`);
      return { kind: "refused", detail: `${status} ${JSON.stringify(json).slice(0, 300)}` };
    },

    verifyNotification(rawBody, headers) {
      const header = headers[signatureHeader];
      const sent = typeof header === "string" && header.startsWith("sha256=") ? header.slice("sha256=".length) : null;
      if (!sent || !/^[0-9a-f]{64}$/.test(sent)) return null;
      const expected = createHmac("sha256", config.webhookSecret).update(rawBody).digest();
      if (!timingSafeEqual(Buffer.from(sent, "hex"), expected)) return null;
      let body: unknown;
      try {
        body = JSON.parse(rawBody.toString("utf8"));
      } catch {
        return null;
      }
      const parsed = WebhookBody.safeParse(body);
      return parsed.success ? { event: parsed.data.event, resourceId: parsed.data.payload.resource.id } : null;
    },

    async deliveryOf(notification) {
      if (!deliveryEvents.has(notification.event)) return null;
      const reward = await read(`/rewards/${encodeURIComponent(notification.resourceId)}`, RewardResponse);
      if (!reward) return null;
      const found = await read(`/orders/${encodeURIComponent(reward.reward.order_id)}`, OrderResponse);
      if (!found?.order.external_id) return null;
      return { idempotencyKey: found.order.external_id, orderId: found.order.id, delivery: deliveryOf(found.order) };
    },
  };
}

/** Where an order of one reward stands: its reward's delivery decides, a failed or canceled order fails it. */
function deliveryOf(order: z.infer<typeof TremendousOrder>): ProviderDelivery {
  if (order.status === "FAILED" || order.status === "CANCELED") return "failed";
  const status = order.rewards[0]?.delivery.status;
  if (status === "SUCCEEDED") return "paid";
  if (status === "FAILED") return "failed";
  return "processing";
}
