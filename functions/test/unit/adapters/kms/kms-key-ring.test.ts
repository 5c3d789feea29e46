import { setTimeout as sleep } from "node:timers/promises";
import { status } from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { crc32c } from "../../../../src/adapters/kms/envelope.js";
import { fakeKms } from "../../support/fake-kms.js";
import { kmsKeyRing } from "../../../../src/adapters/kms/kms-key-ring.js";
import type { SealedSecret } from "../../../../src/ports/key-ring.js";

// What the key ring does around KMS: the data-key cache, the checksums, and how KMS failures are
// classified. KMS itself is a fake here; the integration tier runs the same adapter against
// userx-kms.

const keyName = "projects/demo-userx/locations/us-central1/keyRings/userx/cryptoKeys/secrets";
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const boundTo = "webhook_endpoints/whe_0000000000000001/secret";

async function rejectionOf(promise: Promise<unknown>): Promise<{ code?: string; message?: string }> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (reason: { code?: string; message?: string }) => reason,
  );
}

describe("kmsKeyRing", () => {
  it("wraps a fresh data key per secret, and reads its own seal back without asking KMS again", async () => {
    const kms = fakeKms();
    const keyRing = kmsKeyRing(kms.client, keyName);

    const first = await keyRing.encrypt(secret, boundTo);
    const second = await keyRing.encrypt(secret, boundTo);

    expect(first).toMatchObject({ v: 1, keyName });
    expect(second.wrappedKey).not.toBe(first.wrappedKey);
    expect(await keyRing.decrypt(first, boundTo)).toBe(secret);
    expect(await keyRing.decrypt(first, boundTo)).toBe(secret);
    expect(kms.calls).toEqual({ encrypt: 2, decrypt: 0 });
  });

  it("unwraps once per data key, until the cached key expires", async () => {
    const kms = fakeKms();
    const sealed = await kmsKeyRing(kms.client, keyName).encrypt(secret, boundTo);
    const reader = kmsKeyRing(kms.client, keyName, { cacheTtlMs: 50 });

    expect(await reader.decrypt(sealed, boundTo)).toBe(secret);
    expect(await reader.decrypt(sealed, boundTo)).toBe(secret);
    expect(kms.calls.decrypt).toBe(1);

    await sleep(80);
    expect(await reader.decrypt(sealed, boundTo)).toBe(secret);
    expect(kms.calls.decrypt).toBe(2);
  });

  it("keeps at most cacheSize data keys", async () => {
    const kms = fakeKms();
    const writer = kmsKeyRing(kms.client, keyName);
    const sealed = [await writer.encrypt("whsec_a", boundTo), await writer.encrypt("whsec_b", boundTo)];
    const reader = kmsKeyRing(kms.client, keyName, { cacheSize: 1 });

    for (const value of [...sealed, ...sealed]) await reader.decrypt(value, boundTo);

    expect(kms.calls.decrypt).toBe(4);
  });

  it("never serves a cached data key to a seal copied elsewhere", async () => {
    const kms = fakeKms();
    const keyRing = kmsKeyRing(kms.client, keyName);
    const sealed = await keyRing.encrypt(secret, boundTo);

    const error = await rejectionOf(keyRing.decrypt(sealed, "webhook_endpoints/whe_0000000000000002/secret"));

    expect(error.code).toBe("internal");
    expect(kms.calls.decrypt).toBe(1);
  });

  it("refuses an altered seal as internal, and a record it does not know without calling KMS", async () => {
    const kms = fakeKms();
    const keyRing = kmsKeyRing(kms.client, keyName);
    const sealed = await keyRing.encrypt(secret, boundTo);
    const wrapped = Buffer.from(sealed.wrappedKey, "base64");
    wrapped[20] = (wrapped[20] ?? 0) ^ 0x01;

    expect((await rejectionOf(keyRing.decrypt({ ...sealed, wrappedKey: wrapped.toString("base64") }, boundTo))).code).toBe("internal");
    const unknown = { ...sealed, v: 2 } as unknown as SealedSecret;
    const calls = kms.calls.decrypt;
    expect((await rejectionOf(keyRing.decrypt(unknown, boundTo))).code).toBe("internal");
    expect(kms.calls.decrypt).toBe(calls);
  });

  it("takes a checksum mismatch for corruption in transit: unavailable, to be tried again", async () => {
    const kms = fakeKms();
    kms.corruptResponses = true;
    expect((await rejectionOf(kmsKeyRing(kms.client, keyName).encrypt(secret, boundTo))).code).toBe("unavailable");

    kms.corruptResponses = false;
    const sealed = await kmsKeyRing(kms.client, keyName).encrypt(secret, boundTo);
    kms.corruptResponses = true;
    expect((await rejectionOf(kmsKeyRing(kms.client, keyName).decrypt(sealed, boundTo))).code).toBe("unavailable");
  });

  it.each([
    [status.UNAVAILABLE, "unavailable"],
    [status.DEADLINE_EXCEEDED, "unavailable"],
    [status.RESOURCE_EXHAUSTED, "unavailable"],
    [status.PERMISSION_DENIED, "internal"],
    [status.NOT_FOUND, "internal"],
  ])("classifies KMS code %i as %s", async (code, expected) => {
    const kms = fakeKms();
    kms.failWith = code;
    const error = await rejectionOf(kmsKeyRing(kms.client, keyName).encrypt(secret, boundTo));
    expect(error.code).toBe(expected);
    expect(error.message).not.toContain(secret);
  });
});
