import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { WebhookEndpointIn, WebhookEndpointPatch } from "../../../../src/contracts/organizations.js";
import { newSigningKey, newSigningSecret, publicKeyOf, signatureHeader } from "../../../../src/domain/webhooks/signing.js";
import {
  activePrevious,
  registerEndpoint,
  rotationOverlapMs,
  signingMaterialAt,
  WebhookEndpoint,
  withEndpointUpdated,
  withSigningRotated,
  withStatus,
} from "../../../../src/domain/webhooks/webhook-endpoint.js";
import { verifyWebhook, WebhookVerificationError } from "../../../../../sdk/src/webhooks.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const orgId = "org_0000000000000001";
const input = (fields: Record<string, unknown> = {}) => WebhookEndpointIn.parse({ url: "https://hooks.example.com/in", eventTypes: ["claim.completed.v1", "claim.completed.v1"], ...fields });

describe("registerEndpoint", () => {
  it("subscribes the URL to each event type once, enabled, with a fresh Standard Webhooks secret and no ed25519 key", () => {
    const endpoint = registerEndpoint(orgId, input(), "whe_0000000000000001", now);
    expect(endpoint).toMatchObject({ id: "whe_0000000000000001", orgId, eventTypes: ["claim.completed.v1"], status: "enabled", headers: {}, metadata: {}, rateLimitPerSecond: null, signingKey: null, previous: null, createdAt: now, version: 1 });
    // whsec_ + base64 of 32 random bytes, within the 24–64 bytes Standard Webhooks asks for.
    expect(Buffer.from(endpoint.secret.replace(/^whsec_/, ""), "base64")).toHaveLength(32);
    expect(registerEndpoint(orgId, input(), "whe_0000000000000002", now).secret).not.toBe(endpoint.secret);
  });

  it("makes an ed25519 key when asked for asymmetric signing", () => {
    const endpoint = registerEndpoint(orgId, input({ asymmetricSigning: true }), "whe_0000000000000001", now);
    expect(endpoint.signingKey).toMatch(/^whsk_/);
    expect(Buffer.from(endpoint.signingKey!.slice("whsk_".length), "base64")).toHaveLength(32);
  });

  it("reads an endpoint stored before status, headers, keys and rotation existed as enabled with none of them", () => {
    const stored = { id: "whe_0000000000000001", orgId, url: "https://hooks.example.com/in", eventTypes: ["claim.completed.v1"], description: "", secret: newSigningSecret(), createdAt: now, version: 3 };
    expect(WebhookEndpoint.parse(stored)).toEqual({ ...stored, status: "enabled", headers: {}, metadata: {}, rateLimitPerSecond: null, signingKey: null, previous: null, failingSince: null });
  });
});

describe("updating an endpoint", () => {
  const endpoint = registerEndpoint(orgId, input({ description: "old", headers: { "X-Team": "a" }, metadata: { owner: "ops" } }), "whe_0000000000000001", now);

  it("changes what the patch names and leaves the rest", () => {
    const next = withEndpointUpdated(endpoint, WebhookEndpointPatch.parse({ url: "https://hooks.example.com/new", eventTypes: ["reward.issued.v1", "reward.issued.v1"], rateLimitPerSecond: 5 }));
    expect(next).toEqual({ ...endpoint, url: "https://hooks.example.com/new", eventTypes: ["reward.issued.v1"], rateLimitPerSecond: 5 });
    expect(withEndpointUpdated(next, WebhookEndpointPatch.parse({ rateLimitPerSecond: null })).rateLimitPerSecond).toBeNull();
    expect(withEndpointUpdated(endpoint, WebhookEndpointPatch.parse({ headers: {}, metadata: { team: "b" } }))).toMatchObject({ headers: {}, metadata: { team: "b" }, description: "old" });
  });

  it("turns asymmetric signing on with a new key, keeps the key when on already, and drops every key when off", () => {
    const on = withEndpointUpdated(endpoint, { asymmetricSigning: true });
    expect(on.signingKey).toMatch(/^whsk_/);
    expect(withEndpointUpdated(on, { asymmetricSigning: true }).signingKey).toBe(on.signingKey);
    const rotated = withSigningRotated(on, { secret: newSigningSecret(), signingKey: newSigningKey() }, now);
    const off = withEndpointUpdated(rotated, { asymmetricSigning: false });
    expect(off.signingKey).toBeNull();
    expect(off.previous).toMatchObject({ secret: on.secret, signingKey: null });
    expect(signingMaterialAt(off, now).signingKeys).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["an empty patch", {}],
    ["an unknown field", { secret: "whsec_x" }],
    ["a URL that is not http(s)", { url: "ftp://hooks.example.com/x" }],
    ["no event type", { eventTypes: [] }],
    ["an event type that is not dotted and versioned", { eventTypes: ["claim-completed"] }],
    ["a webhook-* header", { headers: { "Webhook-Signature": "v1,forged" } }],
    ["content-type", { headers: { "Content-Type": "text/plain" } }],
    ["host", { headers: { host: "elsewhere.example.com" } }],
    ["a header value with a line break", { headers: { "X-Team": "a\r\nX-Injected: 1" } }],
    ["a header name with a space", { headers: { "X Team": "a" } }],
    ["one header named twice", { headers: { "X-Team": "a", "x-team": "b" } }],
    ["21 headers", { headers: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, "v"])) }],
    ["21 metadata keys", { metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])) }],
    ["a rate limit of 0", { rateLimitPerSecond: 0 }],
    ["a fractional rate limit", { rateLimitPerSecond: 1.5 }],
    ["a rate limit over 1000", { rateLimitPerSecond: 1001 }],
  ])("refuses %s", (_name, patch) => {
    expect(WebhookEndpointPatch.safeParse(patch).success).toBe(false);
  });

  it("takes custom headers other than ours", () => {
    expect(WebhookEndpointPatch.parse({ headers: { "X-Api-Gateway-Key": "gw-123", Authorization: "Bearer abc" } }).headers).toEqual({ "X-Api-Gateway-Key": "gw-123", Authorization: "Bearer abc" });
  });
});

describe("disabling and enabling", () => {
  const endpoint = registerEndpoint(orgId, input(), "whe_0000000000000001", now);

  it("changes the status once; asking again changes nothing", () => {
    const disabled = withStatus(endpoint, "disabled");
    expect(disabled?.status).toBe("disabled");
    expect(withStatus(disabled!, "disabled")).toBeNull();
    expect(withStatus(disabled!, "enabled")?.status).toBe("enabled");
    expect(withStatus(endpoint, "enabled")).toBeNull();
    expect(withStatus({ ...disabled!, failingSince: later(1_000) }, "enabled")?.failingSince).toBeNull();
  });
});

describe("rotating the signing secret", () => {
  const endpoint = registerEndpoint(orgId, input({ asymmetricSigning: true }), "whe_0000000000000001", now);
  const fresh = { secret: newSigningSecret(), signingKey: newSigningKey() };
  const rotated = withSigningRotated(endpoint, fresh, now);

  it("signs with the new secret and key and, for 24 hours, the replaced ones too", () => {
    expect(rotated).toMatchObject({ secret: fresh.secret, signingKey: fresh.signingKey, previous: { secret: endpoint.secret, signingKey: endpoint.signingKey, expiresAt: later(rotationOverlapMs) } });
    expect(signingMaterialAt(rotated, now)).toEqual({ secrets: [fresh.secret, endpoint.secret], signingKeys: [fresh.signingKey, endpoint.signingKey] });
    expect(signingMaterialAt(rotated, later(rotationOverlapMs - 1))).toEqual({ secrets: [fresh.secret, endpoint.secret], signingKeys: [fresh.signingKey, endpoint.signingKey] });
  });

  it("stops signing with the replaced ones once the 24 hours are over", () => {
    expect(activePrevious(rotated, later(rotationOverlapMs))).toBeNull();
    expect(signingMaterialAt(rotated, later(rotationOverlapMs))).toEqual({ secrets: [fresh.secret], signingKeys: [fresh.signingKey] });
  });

  it("rotating again within the day replaces the older pair: only the last two sign", () => {
    const again = { secret: newSigningSecret(), signingKey: newSigningKey() };
    const twice = withSigningRotated(rotated, again, later(60_000));
    expect(signingMaterialAt(twice, later(60_000))).toEqual({ secrets: [again.secret, fresh.secret], signingKeys: [again.signingKey, fresh.signingKey] });
    expect(twice.previous?.expiresAt).toEqual(later(60_000 + rotationOverlapMs));
  });

  it("makes no ed25519 key for an endpoint without asymmetric signing", () => {
    const symmetric = registerEndpoint(orgId, input(), "whe_0000000000000002", now);
    const next = withSigningRotated(symmetric, fresh, now);
    expect(next.signingKey).toBeNull();
    expect(signingMaterialAt(next, now)).toEqual({ secrets: [fresh.secret, symmetric.secret], signingKeys: [] });
  });
});

describe("signatures", () => {
  const messageId = "msg_0123456789abcdef01234567";
  const body = '{"type":"claim.completed.v1","data":{"claimId":"clm_0000000000000001"}}';
  const headersOf = (signature: string, at = now) => ({ "webhook-id": messageId, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature });

  it("carries a v1 signature per secret, each accepted by the Standard Webhooks reference library", () => {
    const [oldSecret, newSecret] = [newSigningSecret(), newSigningSecret()];
    const header = signatureHeader({ secrets: [newSecret, oldSecret], signingKeys: [] }, messageId, now, body);
    expect(header.split(" ")).toHaveLength(2);
    // The reference library checks the timestamp against its own clock: sign at the real now for it.
    const fresh = new Date();
    const live = signatureHeader({ secrets: [newSecret, oldSecret], signingKeys: [] }, messageId, fresh, body);
    for (const secret of [oldSecret, newSecret]) expect(new Webhook(secret).verify(body, headersOf(live, fresh))).toMatchObject({ type: "claim.completed.v1" });
    expect(() => new Webhook(newSigningSecret()).verify(body, headersOf(live, fresh))).toThrow();
  });

  it("carries a v1a ed25519 signature per key, verified by the SDK with the public key and by no other key", async () => {
    const [oldKey, newKey] = [newSigningKey(), newSigningKey()];
    const header = signatureHeader({ secrets: [newSigningSecret()], signingKeys: [newKey, oldKey] }, messageId, now, body);
    expect(header.split(" ").map((part) => part.split(",")[0])).toEqual(["v1", "v1a", "v1a"]);
    for (const key of [oldKey, newKey]) {
      expect(await verifyWebhook({ publicKey: publicKeyOf(key), headers: headersOf(header), body, now })).toMatchObject({ type: "claim.completed.v1" });
    }
    await expect(verifyWebhook({ publicKey: publicKeyOf(newSigningKey()), headers: headersOf(header), body, now })).rejects.toBeInstanceOf(WebhookVerificationError);
    // A body changed by one byte verifies with no key.
    await expect(verifyWebhook({ publicKey: publicKeyOf(newKey), headers: headersOf(header), body: body.replace("0001", "0002"), now })).rejects.toMatchObject({ reason: "invalid_signature" });
  });

  it("derives a whpk_ public key of 32 bytes that does not change", () => {
    const key = newSigningKey();
    expect(publicKeyOf(key)).toMatch(/^whpk_/);
    expect(Buffer.from(publicKeyOf(key).slice("whpk_".length), "base64")).toHaveLength(32);
    expect(publicKeyOf(key)).toBe(publicKeyOf(key));
  });
});
