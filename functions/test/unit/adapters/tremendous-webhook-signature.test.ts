import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tremendousPayoutProvider } from "../../../src/adapters/payouts/tremendous-payout-provider.js";

const secret = "webhook-private-key";
const provider = tremendousPayoutProvider({ baseUrl: "http://unused.invalid", apiKey: "k", webhookSecret: secret, fundingSource: "balance", productId: "P", timeoutMs: 1000 }, () => {
  throw new Error("verifying a signature reaches nothing");
});
const body = Buffer.from(JSON.stringify({ event: "REWARDS.DELIVERY.SUCCEEDED", uuid: "u1", created_utc: "2026-03-02T09:00:00Z", payload: { resource: { id: "R1", type: "rewards" }, meta: {} } }));
const sign = (raw: Buffer, key = secret) => `sha256=${createHmac("sha256", key).update(raw).digest("hex")}`;

describe("Tremendous webhook signatures", () => {
  it("accept the HMAC-SHA256 of the raw body under the webhook's key, and name the resource", () => {
    expect(provider.verifyNotification(body, { "tremendous-webhook-signature": sign(body) })).toEqual({ event: "REWARDS.DELIVERY.SUCCEEDED", resourceId: "R1" });
  });

  it.each([
    ["no signature", {}],
    ["another key's signature", { "tremendous-webhook-signature": sign(body, "another-key") }],
    ["the signature of another body", { "tremendous-webhook-signature": sign(Buffer.concat([body, Buffer.from(" ")])) }],
    ["a signature without its scheme", { "tremendous-webhook-signature": sign(body).slice("sha256=".length) }],
    ["a truncated signature", { "tremendous-webhook-signature": sign(body).slice(0, 40) }],
    ["two signature headers", { "tremendous-webhook-signature": [sign(body), sign(body)] }],
  ])("refuse %s", (_what, headers) => {
    expect(provider.verifyNotification(body, headers)).toBeNull();
  });

  it("refuse a signed body that is not a notification", () => {
    const other = Buffer.from("[]");
    expect(provider.verifyNotification(other, { "tremendous-webhook-signature": sign(other) })).toBeNull();
  });
});
