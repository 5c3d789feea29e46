import type { KeyManagementServiceClient } from "@google-cloud/kms";
import { status } from "@grpc/grpc-js";
import { LRUCache } from "lru-cache";
import { AppError } from "../../domain/app-error.js";
import type { KeyRing, SealedSecret } from "../../ports/key-ring.js";
import { crc32c, newDataKey, openWithDataKey, SealedSecretRecord, sealWithDataKey } from "./envelope.js";

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

// Codes that say nothing about the request: the call may succeed if tried again.
const transientCodes = new Set<number>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED, status.ABORTED, status.INTERNAL]);

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

  async function wrap(dataKey: Buffer, associatedData: string): Promise<Buffer> {
    const aad = Buffer.from(associatedData, "utf8");
    const [response] = await kmsCall("encrypt", () =>
      kms.encrypt(
        { name: keyName, plaintext: dataKey, additionalAuthenticatedData: aad, plaintextCrc32c: { value: crc32c(dataKey) }, additionalAuthenticatedDataCrc32c: { value: crc32c(aad) } },
        { timeout: callTimeoutMs },
      ),
    );
    const wrapped = bytesOf(response.ciphertext);
    if (!response.verifiedPlaintextCrc32c || !response.verifiedAdditionalAuthenticatedDataCrc32c || Number(response.ciphertextCrc32c?.value) !== crc32c(wrapped)) {
      throw corruptedInTransit("encrypt");
    }
    return wrapped;
  }

  async function unwrap(sealed: SealedSecret, associatedData: string): Promise<Buffer> {
    const aad = Buffer.from(associatedData, "utf8");
    const wrapped = Buffer.from(sealed.wrappedKey, "base64");
    const [response] = await kmsCall("decrypt", () =>
      kms.decrypt(
        { name: sealed.keyName, ciphertext: wrapped, additionalAuthenticatedData: aad, ciphertextCrc32c: { value: crc32c(wrapped) }, additionalAuthenticatedDataCrc32c: { value: crc32c(aad) } },
        { timeout: callTimeoutMs },
      ),
    );
    const dataKey = bytesOf(response.plaintext);
    if (Number(response.plaintextCrc32c?.value) !== crc32c(dataKey)) throw corruptedInTransit("decrypt");
    return dataKey;
  }

  return {
    async encrypt(plaintext, associatedData) {
      const dataKey = newDataKey();
      const wrappedKey = (await wrap(dataKey, associatedData)).toString("base64");
      const sealed: SealedSecret = { v: 1, keyName, wrappedKey, ...sealWithDataKey(plaintext, dataKey, associatedData) };
      // The save that stores it reads it back at once.
      dataKeys.set(cacheKey(sealed, associatedData), dataKey);
      return sealed;
    },

    async decrypt(sealed, associatedData) {
      if (!SealedSecretRecord.safeParse(sealed).success) throw doesNotDecrypt();
      const key = cacheKey(sealed, associatedData);
      const cached = dataKeys.get(key);
      const dataKey = cached ?? (await unwrap(sealed, associatedData));
      const plaintext = openWithDataKey(sealed, dataKey, associatedData);
      if (plaintext === undefined) throw doesNotDecrypt();
      // Kept from its first unwrapping, not from its last use, so that it does expire.
      if (!cached) dataKeys.set(key, dataKey);
      return plaintext;
    },
  };
}

/** Runs one KMS call; a failure becomes `unavailable` when trying again may help, else `internal`. */
async function kmsCall<T>(operation: "encrypt" | "decrypt", call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = grpcCode(error);
    if (code !== undefined && transientCodes.has(code)) {
      throw new AppError("unavailable", "the key service is unavailable; try again", undefined, { cause: error });
    }
    // Decrypt refuses a wrapped key that was altered or is bound to other data with INVALID_ARGUMENT.
    if (operation === "decrypt" && code === status.INVALID_ARGUMENT) throw doesNotDecrypt(error);
    throw new AppError("internal", `key service ${operation} failed`, undefined, { cause: error });
  }
}

const doesNotDecrypt = (cause?: unknown) =>
  new AppError("internal", "a sealed secret does not decrypt: it was altered, or belongs elsewhere", undefined, cause === undefined ? undefined : { cause });

// KMS's checksums caught a corruption between here and KMS: the call is worth trying again.
const corruptedInTransit = (operation: string) =>
  new AppError("unavailable", "the key service is unavailable; try again", undefined, { cause: new Error(`KMS ${operation}: checksum mismatch, corrupted in transit`) });

function grpcCode(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "number" ? error.code : undefined;
}

function bytesOf(value: Uint8Array | string | null | undefined): Buffer {
  if (value === null || value === undefined) return Buffer.alloc(0);
  return typeof value === "string" ? Buffer.from(value, "base64") : Buffer.from(value);
}
