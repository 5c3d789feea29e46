import { createServer } from "node:net";
import { KeyManagementServiceClient } from "@google-cloud/kms";
import { credentials } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCryptoKey } from "../../../src/adapters/kms/crypto-key.js";
import { getKms } from "../../../src/adapters/kms/kms-client.js";
import { kmsKeyRing } from "../../../src/adapters/kms/kms-key-ring.js";
import type { SealedSecret } from "../../../src/ports/key-ring.js";
import { platformEnv, uniqueName } from "../support/local-platform.js";

// The KMS key ring against the real local KMS (userx-kms), through the same client as production.

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const boundTo = "webhook_endpoints/whe_0000000000000001/secret";

function kmsHost(): string {
  const host = process.env.KMS_EMULATOR_HOST;
  if (!host) throw new Error("KMS_EMULATOR_HOST is not set: run the integration tier through `npm test`");
  return host;
}

const kms = getKms(kmsHost());
// A key ring of this run's own, so that rotating its key touches nothing else.
const keyRing = `projects/${platformEnv("GCLOUD_PROJECT")}/locations/us-central1/keyRings/${uniqueName("it-kms")}`;
const keyName = `${keyRing}/cryptoKeys/secrets`;

/** A key ring with a cache of its own: what another instance would see. */
const freshKeyRing = () => kmsKeyRing(kms, keyName);

/** Flips one bit of a base64 field. */
function flipped(base64: string, at = 0): string {
  const bytes = Buffer.from(base64, "base64");
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return bytes.toString("base64");
}

async function rejectionOf(promise: Promise<unknown>): Promise<{ code?: string }> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (reason: { code?: string }) => reason,
  );
}

beforeAll(async () => {
  expect(await ensureCryptoKey(kms, keyName)).toEqual([keyRing, keyName]);
});

afterAll(() => kms.close());

describe("ensureCryptoKey", () => {
  it("creates nothing when the key ring and key exist", async () => {
    expect(await ensureCryptoKey(kms, keyName)).toEqual([]);
    const [key] = await kms.getCryptoKey({ name: keyName });
    expect(key).toMatchObject({ name: keyName, purpose: "ENCRYPT_DECRYPT", primary: { name: `${keyName}/cryptoKeyVersions/1`, state: "ENABLED" } });
  });
});

describe("kmsKeyRing on userx-kms", () => {
  it("round-trips a secret through a data key wrapped by KMS", async () => {
    const sealed = await kmsKeyRing(kms, keyName).encrypt(secret, boundTo);

    expect(sealed).toMatchObject({ v: 1, keyName });
    expect(JSON.stringify(sealed)).not.toContain(secret.slice("whsec_".length));
    expect(await freshKeyRing().decrypt(sealed, boundTo)).toBe(secret);
  });

  it("binds the secret and its data key to the associated data", async () => {
    const sealed = await kmsKeyRing(kms, keyName).encrypt(secret, boundTo);
    const elsewhere = "webhook_endpoints/whe_0000000000000002/secret";

    expect((await rejectionOf(freshKeyRing().decrypt(sealed, elsewhere))).code).toBe("internal");
    // KMS itself refuses to unwrap the data key for other associated data.
    const wrapped = Buffer.from(sealed.wrappedKey, "base64");
    await expect(kms.decrypt({ name: keyName, ciphertext: wrapped, additionalAuthenticatedData: Buffer.from(elsewhere) })).rejects.toMatchObject({ code: 3 });
  });

  it.each<[string, (sealed: SealedSecret) => SealedSecret]>([
    ["the ciphertext", (sealed) => ({ ...sealed, ciphertext: flipped(sealed.ciphertext, 2) })],
    ["the tag", (sealed) => ({ ...sealed, tag: flipped(sealed.tag, 7) })],
    ["the IV", (sealed) => ({ ...sealed, iv: flipped(sealed.iv) })],
    ["the wrapped key", (sealed) => ({ ...sealed, wrappedKey: flipped(sealed.wrappedKey, 30) })],
    ["the key version the wrapped key names", (sealed) => ({ ...sealed, wrappedKey: flipped(sealed.wrappedKey, 4) })],
  ])("refuses a seal whose %s was altered", async (_, alter) => {
    const sealed = await kmsKeyRing(kms, keyName).encrypt(secret, boundTo);
    expect((await rejectionOf(freshKeyRing().decrypt(alter(sealed), boundTo))).code).toBe("internal");
  });

  it("refuses a seal pointed at another key", async () => {
    const otherKey = `${keyRing}/cryptoKeys/other`;
    await ensureCryptoKey(kms, otherKey);
    const sealed = await kmsKeyRing(kms, keyName).encrypt(secret, boundTo);
    expect((await rejectionOf(freshKeyRing().decrypt({ ...sealed, keyName: otherKey }, boundTo))).code).toBe("internal");
  });

  it("still decrypts what older key versions wrapped after the key is rotated", async () => {
    const before = await kmsKeyRing(kms, keyName).encrypt(secret, boundTo);

    const [version] = await kms.createCryptoKeyVersion({ parent: keyName, cryptoKeyVersion: {} });
    const versionId = version.name?.split("/").pop() ?? "";
    const [rotated] = await kms.updateCryptoKeyPrimaryVersion({ name: keyName, cryptoKeyVersionId: versionId });
    expect(rotated.primary?.name).toBe(version.name);

    const after = await kmsKeyRing(kms, keyName).encrypt("whsec_after", boundTo);

    expect(await freshKeyRing().decrypt(before, boundTo)).toBe(secret);
    expect(await freshKeyRing().decrypt(after, boundTo)).toBe("whsec_after");
    // The old data key was wrapped by the old version, the new one by the new primary.
    const unwrap = async (sealed: SealedSecret) =>
      (await kms.decrypt({ name: keyName, ciphertext: Buffer.from(sealed.wrappedKey, "base64"), additionalAuthenticatedData: Buffer.from(boundTo) }))[0];
    expect((await unwrap(before)).usedPrimary).toBe(false);
    expect((await unwrap(after)).usedPrimary).toBe(true);
  });

  it("answers unavailable when KMS cannot be reached", async () => {
    const port = await freePort();
    const unreachable = new KeyManagementServiceClient({ apiEndpoint: "127.0.0.1", port, sslCreds: credentials.createInsecure() });
    try {
      const error = await rejectionOf(kmsKeyRing(unreachable, keyName, { callTimeoutMs: 2_000 }).encrypt(secret, boundTo));
      expect(error.code).toBe("unavailable");
    } finally {
      await unreachable.close();
    }
  });
});

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}
