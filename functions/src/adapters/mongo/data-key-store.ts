import type { Db } from "mongodb";
import { z } from "zod";
import type { WrappedDataKey, WrappedDataKeyStore } from "../kms/data-keys.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";
import { parseDocument } from "./parse-document.js";

const collectionName = "data_keys";

const StoredDataKey = z.object({ _id: z.string(), keyName: z.string(), wrappedKey: z.base64().min(1), createdAt: z.date(), rewrappedAt: z.date().optional() });
type StoredDataKey = z.infer<typeof StoredDataKey>;

export const dataKeysCollection = (db: Db) => db.collection<StoredDataKey>(collectionName);

/**
 * The wrapped data keys, one document per owner (a user, or a key of ours such as the blind
 * index's). Deleting a user's document is what erases their personal data: everything sealed
 * with that key, in any copy of any collection, can no longer be opened.
 */
export function mongoDataKeyStore(db: Db): WrappedDataKeyStore {
  const keys = dataKeysCollection(db);
  return {
    find: (id) =>
      classified(async () => {
        const document = await keys.findOne({ _id: id });
        if (!document) return null;
        const { _id, keyName, wrappedKey, createdAt } = parseDocument(StoredDataKey, collectionName, document);
        return { id: _id, keyName, wrappedKey, createdAt };
      }),
    insertIfAbsent: ({ id, keyName, wrappedKey, createdAt }: WrappedDataKey) =>
      classified(() => insertIfAbsent(keys, { _id: id, keyName, wrappedKey, createdAt })),
  };
}
