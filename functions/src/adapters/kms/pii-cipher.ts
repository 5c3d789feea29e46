import { createHmac } from "node:crypto";
import { AppError } from "../../domain/app-error.js";
import type { DataKeys } from "./data-keys.js";
import { openPii, sealPii, type PiiBinding } from "./pii-ciphertext.js";

/** Seals and opens personal values with the data key of the user they are about. */
export interface PiiCipher {
  seal(userId: string, binding: PiiBinding, plaintext: string): Promise<string>;
  /** The plaintext; undefined when the user's data key was shredded (the user was erased). */
  open(userId: string, binding: PiiBinding, sealed: string): Promise<string | undefined>;
  /** The blind index of an email: equal for equal addresses (case aside), and reveals nothing else. */
  emailIndex(email: string): Promise<string>;
}

// The key of the blind index is a data key like a user's, under a name of ours: wrapped by KMS,
// so that the index cannot be recomputed (and addresses guessed) from the database alone.
export const emailIndexKeyId = "blind-index/email";

export function piiCipher(keys: DataKeys): PiiCipher {
  return {
    seal: async (userId, binding, plaintext) => sealPii(plaintext, await keys.keyOf(userId), binding),
    async open(userId, binding, sealed) {
      const dataKey = await keys.existingKeyOf(userId);
      if (!dataKey) return undefined;
      const plaintext = openPii(sealed, dataKey, binding);
      if (plaintext === undefined) {
        throw new AppError("internal", "a personal value does not decrypt: it was altered, or belongs elsewhere", undefined, {
          cause: new Error(`${binding.collection}/${binding.documentId}/${binding.field}`),
        });
      }
      return plaintext;
    },
    emailIndex: async (email) => `bi1.${createHmac("sha256", await keys.keyOf(emailIndexKeyId)).update(normalizedEmail(email), "utf8").digest("base64url")}`,
  };
}

/** The form of an address the blind index hashes: Unicode-normalized, trimmed, lower case. */
export const normalizedEmail = (email: string): string => email.normalize("NFC").trim().toLowerCase();
