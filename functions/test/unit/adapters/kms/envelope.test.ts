import { describe, expect, it } from "vitest";
import { crc32c, newDataKey, openWithDataKey, SealedSecretRecord, sealWithDataKey } from "../../../../src/adapters/kms/envelope.js";

// The local half of envelope encryption: AES-256-GCM under a data key, bound to associated data.

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const boundTo = "webhook_endpoints/whe_0000000000000001/secret";

/** Flips one bit of a base64 field. */
function flipped(base64: string, at = 0): string {
  const bytes = Buffer.from(base64, "base64");
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return bytes.toString("base64");
}

describe("sealWithDataKey and openWithDataKey", () => {
  it("round-trips a secret, and never carries it in clear", () => {
    const key = newDataKey();
    const sealed = sealWithDataKey(secret, key, boundTo);

    expect(openWithDataKey(sealed, key, boundTo)).toBe(secret);
    expect(JSON.stringify(sealed)).not.toContain("whsec_");
    expect(Buffer.from(sealed.iv, "base64")).toHaveLength(12);
    expect(Buffer.from(sealed.tag, "base64")).toHaveLength(16);
  });

  it("uses a fresh IV for every seal, so one secret never seals the same way twice", () => {
    const key = newDataKey();
    const first = sealWithDataKey(secret, key, boundTo);
    const second = sealWithDataKey(secret, key, boundTo);
    expect(second.iv).not.toBe(first.iv);
    expect(second.ciphertext).not.toBe(first.ciphertext);
  });

  it("opens nothing bound elsewhere, sealed under another key, or altered", () => {
    const key = newDataKey();
    const sealed = sealWithDataKey(secret, key, boundTo);

    expect(openWithDataKey(sealed, key, "webhook_endpoints/whe_0000000000000002/secret")).toBeUndefined();
    expect(openWithDataKey(sealed, newDataKey(), boundTo)).toBeUndefined();
    expect(openWithDataKey({ ...sealed, ciphertext: flipped(sealed.ciphertext, 3) }, key, boundTo)).toBeUndefined();
    expect(openWithDataKey({ ...sealed, iv: flipped(sealed.iv) }, key, boundTo)).toBeUndefined();
    expect(openWithDataKey({ ...sealed, tag: flipped(sealed.tag, 15) }, key, boundTo)).toBeUndefined();
  });

  it("refuses a shortened tag, which GCM would otherwise accept", () => {
    const key = newDataKey();
    const sealed = sealWithDataKey(secret, key, boundTo);
    const shortTag = Buffer.from(sealed.tag, "base64").subarray(0, 12).toString("base64");
    expect(openWithDataKey({ ...sealed, tag: shortTag }, key, boundTo)).toBeUndefined();
  });
});

describe("SealedSecretRecord", () => {
  const record = {
    v: 1,
    keyName: "projects/demo-userx/locations/us-central1/keyRings/userx/cryptoKeys/secrets",
    wrappedKey: Buffer.from("wrapped").toString("base64"),
    ...sealWithDataKey(secret, newDataKey(), boundTo),
  };

  it("accepts the version 1 record", () => {
    expect(SealedSecretRecord.safeParse(record).success).toBe(true);
  });

  it.each([
    ["a clear secret", secret],
    ["another version", { ...record, v: 2 }],
    ["a key that is not a crypto key", { ...record, keyName: "projects/p/locations/l/keyRings/r" }],
    ["a field that is not base64", { ...record, iv: "not base64!" }],
    ["no wrapped key", { ...record, wrappedKey: "" }],
  ])("refuses %s", (_, value) => {
    expect(SealedSecretRecord.safeParse(value).success).toBe(false);
  });
});

describe("crc32c", () => {
  it("gives the CRC-32C check value, and the values of the empty input and of zeros", () => {
    expect(crc32c(Buffer.from("123456789"))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
    // RFC 3720 (iSCSI), B.4: 32 bytes of zeros.
    expect(crc32c(Buffer.alloc(32))).toBe(0x8a9136aa);
  });
});
