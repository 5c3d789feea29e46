import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { WebhookVerificationError, verifyWebhook } from "../../src/webhooks.js";

// `v1` deliveries are signed here with the `standardwebhooks` reference package, and `v1a` ones with
// node:crypto's ed25519, independently of the platform's own signing code (whose unit tests check
// it against the same two), so the SDK is held to the standard rather than to our implementation.
const secret = `whsec_${randomBytes(32).toString("base64")}`;
const body = JSON.stringify({ id: "evt_0123456789abcdef", type: "claim.completed.v1", data: { claimId: "clm_1" } });
const sentAt = new Date("2026-11-28T10:00:00Z");

function signed(withSecret = secret, at = sentAt, id = "msg_0123456789abcdef") {
  const signature = new Webhook(withSecret).sign(id, at, body);
  return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature };
}

async function failure(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

describe("verifyWebhook", () => {
  it("returns the event of a delivery signed with the secret", async () => {
    await expect(verifyWebhook({ secret, headers: signed(), body, now: sentAt })).resolves.toMatchObject({ type: "claim.completed.v1" });
  });

  it("takes a Headers object, header names in any case, and the body as bytes", async () => {
    const headers = new Headers(Object.entries(signed()).map(([k, v]) => [k.toUpperCase(), v] as [string, string]));
    await expect(verifyWebhook({ secret, headers, body: new TextEncoder().encode(body), now: sentAt })).resolves.toMatchObject({ id: "evt_0123456789abcdef" });
  });

  it("accepts any of several signatures and secrets, as during a rotation", async () => {
    const old = `whsec_${randomBytes(32).toString("base64")}`;
    const headers = signed();
    headers["webhook-signature"] = `${signed(old)["webhook-signature"]} ${headers["webhook-signature"]}`;
    await expect(verifyWebhook({ secret: [old, secret], headers, body, now: sentAt })).resolves.toMatchObject({ type: "claim.completed.v1" });
    await expect(verifyWebhook({ secret: old, headers, body, now: sentAt })).resolves.toMatchObject({ type: "claim.completed.v1" });
  });

  it("refuses a body that is not byte for byte the one signed", async () => {
    const reserialized = JSON.stringify(JSON.parse(body), null, 1);
    expect((await failure(verifyWebhook({ secret, headers: signed(), body: reserialized, now: sentAt }))).reason).toBe("invalid_signature");
  });

  it("refuses another secret, a changed id and a missing header", async () => {
    const other = `whsec_${randomBytes(32).toString("base64")}`;
    expect((await failure(verifyWebhook({ secret: other, headers: signed(), body, now: sentAt }))).reason).toBe("invalid_signature");
    expect((await failure(verifyWebhook({ secret, headers: { ...signed(), "webhook-id": "msg_other" }, body, now: sentAt }))).reason).toBe("invalid_signature");
    const { "webhook-signature": _, ...unsigned } = signed();
    expect((await failure(verifyWebhook({ secret, headers: unsigned, body, now: sentAt }))).reason).toBe("missing_headers");
  });

  it("refuses a delivery outside the timestamp tolerance, either way", async () => {
    const sixMinutes = 6 * 60_000;
    expect((await failure(verifyWebhook({ secret, headers: signed(), body, now: new Date(sentAt.getTime() + sixMinutes) }))).reason).toBe("timestamp_out_of_tolerance");
    expect((await failure(verifyWebhook({ secret, headers: signed(), body, now: new Date(sentAt.getTime() - sixMinutes) }))).reason).toBe("timestamp_out_of_tolerance");
    await expect(verifyWebhook({ secret, headers: signed(), body, now: new Date(sentAt.getTime() + sixMinutes), toleranceSeconds: 600 })).resolves.toBeDefined();
  });
});

describe("verifyWebhook with a public key (v1a, ed25519)", () => {
  const pair = () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    return { privateKey, whpk: `whpk_${Buffer.from(String(publicKey.export({ format: "jwk" }).x), "base64url").toString("base64")}` };
  };
  const v1a = (privateKey: ReturnType<typeof pair>["privateKey"], id = "msg_0123456789abcdef", at = sentAt) =>
    `v1a,${sign(null, Buffer.from(`${id}.${Math.floor(at.getTime() / 1000)}.${body}`), privateKey).toString("base64")}`;

  it("returns the event of a delivery whose v1a signature the public key verifies, beside a v1 it cannot check", async () => {
    const { privateKey, whpk } = pair();
    const headers = { ...signed(), "webhook-signature": `${signed()["webhook-signature"]} ${v1a(privateKey)}` };
    await expect(verifyWebhook({ publicKey: whpk, headers, body, now: sentAt })).resolves.toMatchObject({ type: "claim.completed.v1" });
    // Either credential alone verifies the same delivery.
    await expect(verifyWebhook({ secret, headers, body, now: sentAt })).resolves.toMatchObject({ type: "claim.completed.v1" });
  });

  it("accepts either key's signature during a rotation, and refuses a key that signed nothing", async () => {
    const [old, current, stranger] = [pair(), pair(), pair()];
    const headers = { ...signed(), "webhook-signature": `${v1a(current.privateKey)} ${v1a(old.privateKey)}` };
    for (const key of [old.whpk, current.whpk, [stranger.whpk, old.whpk]]) await expect(verifyWebhook({ publicKey: key, headers, body, now: sentAt })).resolves.toMatchObject({ type: "claim.completed.v1" });
    expect((await failure(verifyWebhook({ publicKey: stranger.whpk, headers, body, now: sentAt }))).reason).toBe("invalid_signature");
  });

  it("never takes a v1a signature for v1, nor the body or id changed", async () => {
    const { privateKey, whpk } = pair();
    const headers = { ...signed(), "webhook-signature": v1a(privateKey).replace(/^v1a,/, "v1,") };
    expect((await failure(verifyWebhook({ publicKey: whpk, headers, body, now: sentAt }))).reason).toBe("invalid_signature");
    const good = { ...signed(), "webhook-signature": v1a(privateKey) };
    expect((await failure(verifyWebhook({ publicKey: whpk, headers: { ...good, "webhook-id": "msg_other" }, body, now: sentAt }))).reason).toBe("invalid_signature");
    expect((await failure(verifyWebhook({ publicKey: whpk, headers: good, body: body.replace("clm_1", "clm_2"), now: sentAt }))).reason).toBe("invalid_signature");
  });

  it("refuses a malformed public key, and a call with neither secret nor public key", async () => {
    expect((await failure(verifyWebhook({ publicKey: "whpk_c2hvcnQ=", headers: signed(), body, now: sentAt }))).reason).toBe("invalid_secret");
    expect((await failure(verifyWebhook({ headers: signed(), body, now: sentAt }))).reason).toBe("invalid_secret");
  });
});
