import { describe, expect, it } from "vitest";
import { generateApiKey, issueApiKey, looksLikeApiKey, verifiedApiKeyHash } from "../../../../src/domain/identity/api-key.js";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** The key with the character at `index` replaced by the next one of the alphabet. */
function withOneCharacterChanged(key: string, index: number): string {
  const next = alphabet.charAt((alphabet.indexOf(key.charAt(index)) + 1) % alphabet.length);
  return key.slice(0, index) + next + key.slice(index + 1);
}

describe("API keys", () => {
  it("are uxk_ followed by 38 base62 characters", () => {
    const { key } = generateApiKey();
    expect(key).toMatch(/^uxk_[0-9A-Za-z]{38}$/);
    expect(looksLikeApiKey(key)).toBe(true);
  });

  it("are different every time", () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey().key));
    expect(keys.size).toBe(50);
  });

  it("verify to the hash they were generated with, every time", () => {
    const { key, hash } = generateApiKey();
    expect(verifiedApiKeyHash(key)).toBe(hash);
    expect(verifiedApiKeyHash(key)).toBe(hash);
  });

  it("are stored as a hash that does not contain the key", () => {
    const { key, hash } = generateApiKey();
    expect(hash).not.toContain(key.slice(4));
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("fail the checksum when any one character is changed", () => {
    const { key } = generateApiKey();
    for (let index = "uxk_".length; index < key.length; index++) {
      expect(verifiedApiKeyHash(withOneCharacterChanged(key, index)), `character ${index} changed`).toBeUndefined();
    }
  });

  it("are refused with a wrong prefix or length", () => {
    const { key } = generateApiKey();
    expect(verifiedApiKeyHash(`uxx_${key.slice(4)}`)).toBeUndefined();
    expect(verifiedApiKeyHash(key.slice(0, -1))).toBeUndefined();
    expect(verifiedApiKeyHash(`${key}0`)).toBeUndefined();
  });

  it("are told apart from ID tokens by their prefix", () => {
    expect(looksLikeApiKey("eyJhbGciOiJSUzI1NiJ9.e30.sig")).toBe(false);
  });
});

describe("issueApiKey", () => {
  it("stores only the hash of the key it returns, with each scope once", () => {
    const now = new Date("2026-03-02T09:00:00.000Z");
    const { apiKey, key } = issueApiKey({ orgId: "org_0000000000000001", name: "ci", scopes: ["claims:read", "claims:read"], createdBy: "usr_0000000000000001" }, "key_0000000000000001", now);
    expect(apiKey).toEqual({
      id: "key_0000000000000001",
      orgId: "org_0000000000000001",
      name: "ci",
      scopes: ["claims:read"],
      hash: verifiedApiKeyHash(key),
      previousHash: null,
      previousValidUntil: null,
      expiresAt: null,
      revokedAt: null,
      allowedCidrs: [],
      createdBy: "usr_0000000000000001",
      createdAt: now,
      lastUsedAt: null,
      version: 1,
    });
    expect(JSON.stringify(apiKey)).not.toContain(key);
  });
});
