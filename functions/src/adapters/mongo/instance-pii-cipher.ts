import type { Db } from "mongodb";
import { readRuntimeConfig } from "../../config.js";
import { dataKeys, type DataKeys } from "../kms/data-keys.js";
import { getKms } from "../kms/kms-client.js";
import { kmsWrapping, type KmsWrapping } from "../kms/kms-wrapping.js";
import { piiCipher, type PiiCipher } from "../kms/pii-cipher.js";
import { mongoDataKeyStore } from "./data-key-store.js";

const kmsCallTimeoutMs = 10_000;
const instanceKeys = new WeakMap<Db, DataKeys>();

/**
 * The instance's data keys of `db`'s users: one cache per database per instance, created on the
 * first personal value sealed or opened, never at module load.
 */
export function instanceDataKeys(db: Db): DataKeys {
  let keys = instanceKeys.get(db);
  if (!keys) {
    keys = dataKeys(mongoDataKeyStore(db), instanceKmsWrapping());
    instanceKeys.set(db, keys);
  }
  return keys;
}

/** The KMS key config.ts names, through the instance's one KMS client. */
export function instanceKmsWrapping(): KmsWrapping {
  const { kms } = readRuntimeConfig();
  return kmsWrapping(getKms(kms.emulatorHost), kms.keyName, kmsCallTimeoutMs);
}

/** The instance's cipher of personal values stored in `db`. */
export function instancePiiCipher(db: Db): PiiCipher {
  // Resolved on each call, so that building the collections reads no configuration.
  const cipher = () => piiCipher(instanceDataKeys(db));
  return {
    seal: (userId, binding, plaintext) => cipher().seal(userId, binding, plaintext),
    open: (userId, binding, sealed) => cipher().open(userId, binding, sealed),
    emailIndex: (email) => cipher().emailIndex(email),
  };
}
