import type { KeyManagementServiceClient } from "@google-cloud/kms";
import { status } from "@grpc/grpc-js";
import { AppError } from "../../domain/app-error.js";
import { crc32c } from "./envelope.js";

/** Wraps and unwraps data keys with one Cloud KMS crypto key, checking KMS's checksums both ways. */
export interface KmsWrapping {
  /** The crypto key new data keys are wrapped with (its primary version). */
  readonly keyName: string;
  /** The wrapped key, and the key version that wrapped it (the primary one at the time). */
  wrap(dataKey: Buffer, associatedData: string): Promise<{ wrapped: Buffer; keyVersion: string }>;
  /** `keyName` is the one the key was wrapped with: KMS finds the version in the ciphertext. */
  unwrap(keyName: string, wrapped: Buffer, associatedData: string): Promise<Buffer>;
}

// Codes that say nothing about the request: the call may succeed if tried again.
const transientCodes = new Set<number>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED, status.ABORTED, status.INTERNAL]);

export function kmsWrapping(kms: KeyManagementServiceClient, keyName: string, callTimeoutMs: number): KmsWrapping {
  return {
    keyName,
    async wrap(dataKey, associatedData) {
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
      return { wrapped, keyVersion: response.name ?? "" };
    },
    async unwrap(wrappedWith, wrapped, associatedData) {
      const aad = Buffer.from(associatedData, "utf8");
      const [response] = await kmsCall("decrypt", () =>
        kms.decrypt(
          { name: wrappedWith, ciphertext: wrapped, additionalAuthenticatedData: aad, ciphertextCrc32c: { value: crc32c(wrapped) }, additionalAuthenticatedDataCrc32c: { value: crc32c(aad) } },
          { timeout: callTimeoutMs },
        ),
      );
      const dataKey = bytesOf(response.plaintext);
      if (Number(response.plaintextCrc32c?.value) !== crc32c(dataKey)) throw corruptedInTransit("decrypt");
      return dataKey;
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

export const doesNotDecrypt = (cause?: unknown) =>
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
