import { dataKeys, type DataKeyOptions, type WrappedDataKey, type WrappedDataKeyStore } from "../../../src/adapters/kms/data-keys.js";
import { kmsWrapping } from "../../../src/adapters/kms/kms-wrapping.js";
import { piiCipher } from "../../../src/adapters/kms/pii-cipher.js";
import { fakeKms } from "./fake-kms.js";

export const testKeyName = "projects/demo-userx/locations/us-central1/keyRings/userx/cryptoKeys/secrets";

/** A store of wrapped data keys in a map, with a fake KMS: for unit tests of what uses data keys. */
export function inMemoryDataKeys(options: DataKeyOptions = {}) {
  const kms = fakeKms();
  const stored = new Map<string, WrappedDataKey>();
  const store: WrappedDataKeyStore = {
    find: async (id) => stored.get(id) ?? null,
    insertIfAbsent: async (key) => {
      if (stored.has(key.id)) return false;
      stored.set(key.id, key);
      return true;
    },
  };
  const keys = dataKeys(store, kmsWrapping(kms.client, testKeyName, 1_000), options);
  return { kms, stored, keys, cipher: piiCipher(keys) };
}
