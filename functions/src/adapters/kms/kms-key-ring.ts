import type { KeyManagementServiceClient } from "@google-cloud/kms";
import { LRUCache } from "lru-cache";
import type { KeyRing, SealedSecret } from "../../ports/key-ring.js";
import { newDataKey, openWithDataKey, SealedSecretRecord, sealWithDataKey } from "./envelope.js";
import { doesNotDecrypt, kmsWrapping } from "./kms-wrapping.js";

export interface KeyRingOptions {
  /** How long an unwrapped data key is kept in memory; KMS is asked again after that. */
  cacheTtlMs?: number;
  /** How many unwrapped data keys are kept at most. */
  cacheSize?: number;
  /** Deadline of one KMS call. */
  callTimeoutMs?: number;
}

// A delivery reads its endpoint's secret on every attempt: the cache spares most of those reads a
// KMS call, and bounds how long a data key outlives the decision to stop reading it (a disabled
// key version) to a few minutes.
const defaults = { cacheTtlMs: 5 * 60_000, cacheSize: 1_000, callTimeoutMs: 10_000 } satisfies Required<KeyRingOptions>;

/**
 * Envelope encryption with Cloud KMS: each secret gets a fresh AES-256-GCM data key, which KMS
 * wraps with the crypto key `keyName` (its primary version; older versions still unwrap what they
 * wrapped). The associated data binds both layers, so a sealed value moved to another document
 * decrypts neither.
 */
export function kmsKeyRing(kms: KeyManagementServiceClient, keyName: string, options: KeyRingOptions = {}): KeyRing {
  const { cacheTtlMs, cacheSize, callTimeoutMs } = { ...defaults, ...options };
  const dataKeys = new LRUCache<string, Buffer>({ max: cacheSize, ttl: cacheTtlMs });
  const cacheKey = (sealed: Pick<SealedSecret, "keyName" | "wrappedKey">, associatedData: string) =>
    JSON.stringify([sealed.keyName, sealed.wrappedKey, associatedData]);

  const kmsKey = kmsWrapping(kms, keyName, callTimeoutMs);

  return {
    async encrypt(plaintext, associatedData) {
      const dataKey = newDataKey();
      const wrappedKey = (await kmsKey.wrap(dataKey, associatedData)).wrapped.toString("base64");
      const sealed: SealedSecret = { v: 1, keyName, wrappedKey, ...sealWithDataKey(plaintext, dataKey, associatedData) };
      // The save that stores it reads it back at once.
      dataKeys.set(cacheKey(sealed, associatedData), dataKey);
      return sealed;
    },

    async decrypt(sealed, associatedData) {
      if (!SealedSecretRecord.safeParse(sealed).success) throw doesNotDecrypt();
      const key = cacheKey(sealed, associatedData);
      const cached = dataKeys.get(key);
      const dataKey = cached ?? (await kmsKey.unwrap(sealed.keyName, Buffer.from(sealed.wrappedKey, "base64"), associatedData));
      const plaintext = openWithDataKey(sealed, dataKey, associatedData);
      if (plaintext === undefined) throw doesNotDecrypt();
      // Kept from its first unwrapping, not from its last use, so that it does expire.
      if (!cached) dataKeys.set(key, dataKey);
      return plaintext;
    },
  };
}
