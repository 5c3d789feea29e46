import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import type { SealedSecret } from "../../ports/key-ring.js";

// The local half of envelope encryption: a data key encrypts the secret with AES-256-GCM, here,
// with no call to anything; only the data key goes to KMS, to be wrapped (kms-key-ring.ts).

export const dataKeyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;

const Base64 = z.base64();

/** What a stored secret must look like before anything tries to decrypt it. */
export const SealedSecretRecord = z.object({
  v: z.literal(1),
  keyName: z.string().regex(/^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/),
  wrappedKey: Base64.min(1),
  iv: Base64,
  ciphertext: Base64,
  tag: Base64,
}) satisfies z.ZodType<SealedSecret>;

/** A fresh random data key. */
export const newDataKey = (): Buffer => randomBytes(dataKeyBytes);

/** Encrypts `plaintext` with `dataKey`, authenticating `associatedData` with it. */
export function sealWithDataKey(plaintext: string, dataKey: Buffer, associatedData: string): Pick<SealedSecret, "iv" | "ciphertext" | "tag"> {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv("aes-256-gcm", dataKey, iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { iv: iv.toString("base64"), ciphertext: ciphertext.toString("base64"), tag: cipher.getAuthTag().toString("base64") };
}

/**
 * The plaintext of `sealed`, or undefined when it does not authenticate: altered, sealed with
 * another data key, or bound to other associated data.
 */
export function openWithDataKey(sealed: Pick<SealedSecret, "iv" | "ciphertext" | "tag">, dataKey: Buffer, associatedData: string): string | undefined {
  const iv = Buffer.from(sealed.iv, "base64");
  const tag = Buffer.from(sealed.tag, "base64");
  // GCM accepts shorter tags, which authenticate less: only the full tag is taken.
  if (iv.length !== ivBytes || tag.length !== tagBytes || dataKey.length !== dataKeyBytes) return undefined;
  const decipher = createDecipheriv("aes-256-gcm", dataKey, iv, { authTagLength: tagBytes });
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

// CRC32C (Castagnoli), table-driven: a few lines, checked against the standard check value in the
// unit tests, rather than one more dependency.
const crcTable = Int32Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0x82f63b78 ^ (crc >>> 1) : crc >>> 1;
  return crc;
});

/** CRC32C as Cloud KMS computes it, to check each request and response for corruption in transit. */
export function crc32c(data: Uint8Array): number {
  let crc = -1;
  for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
