import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { dataKeyBytes } from "./envelope.js";

// One personal value as stored: `pii1.<iv>.<ciphertext>.<tag>` (base64url), AES-256-GCM under the
// data key of the user the value is about. The prefix names the format, so that a later format can
// sit beside it and a reader tells a sealed value from a clear one stored before encryption. The
// associated data binds the value to where it is stored (collection, document, field): a sealed
// value copied to another document or field, even of the same user, does not decrypt.

const prefix = "pii1";
const ivBytes = 12;
const tagBytes = 16;
const SealedPii = /^pii1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{22})$/;

/** Where a personal value is stored; the associated data of its encryption. */
export interface PiiBinding {
  readonly collection: string;
  readonly documentId: string;
  readonly field: string;
}

export const associatedDataOf = ({ collection, documentId, field }: PiiBinding): string => `${prefix}|${collection}|${documentId}|${field}`;

/** True when `value` is a sealed personal value (of any data key). */
export const isSealedPii = (value: unknown): value is string => typeof value === "string" && SealedPii.test(value);

/** `plaintext` sealed with `dataKey`, bound to `binding`. */
export function sealPii(plaintext: string, dataKey: Buffer, binding: PiiBinding): string {
  if (dataKey.length !== dataKeyBytes) throw new Error("a data key is 32 bytes");
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv("aes-256-gcm", dataKey, iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(associatedDataOf(binding), "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [prefix, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The plaintext of `sealed`; undefined when it is malformed, altered, of another key or bound elsewhere. */
export function openPii(sealed: string, dataKey: Buffer, binding: PiiBinding): string | undefined {
  const parts = SealedPii.exec(sealed);
  if (!parts || dataKey.length !== dataKeyBytes) return undefined;
  const [, iv = "", ciphertext = "", tag = ""] = parts;
  // GCM accepts shorter tags, which authenticate less: the pattern takes only the full 16 bytes.
  const decipher = createDecipheriv("aes-256-gcm", dataKey, Buffer.from(iv, "base64url"), { authTagLength: tagBytes });
  decipher.setAAD(Buffer.from(associatedDataOf(binding), "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
