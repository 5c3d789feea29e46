import { readRuntimeConfig } from "../../config.js";
import type { KeyRing } from "../../ports/key-ring.js";
import { getKms } from "./kms-client.js";
import { kmsKeyRing } from "./kms-key-ring.js";

let keyRing: KeyRing | undefined;

function configured(): KeyRing {
  if (!keyRing) {
    const { kms } = readRuntimeConfig();
    keyRing = kmsKeyRing(getKms(kms.emulatorHost), kms.keyName);
  }
  return keyRing;
}

/**
 * The instance's key ring, with the key config.ts names: one KMS client and one cache of data keys
 * per instance, created on the first secret encrypted or decrypted, never at module load.
 */
export const instanceKeyRing: KeyRing = {
  encrypt: (plaintext, associatedData) => configured().encrypt(plaintext, associatedData),
  decrypt: (sealed, associatedData) => configured().decrypt(sealed, associatedData),
};
