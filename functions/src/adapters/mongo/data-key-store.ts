import type { Db } from "mongodb";
import { z } from "zod";
import { wrappingBinding, type WrappedDataKey, type WrappedDataKeyStore } from "../kms/data-keys.js";
import type { KmsWrapping } from "../kms/kms-wrapping.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";
import { parseDocument } from "./parse-document.js";

const collectionName = "data_keys";

const StoredDataKey = z.object({ _id: z.string(), keyName: z.string(), wrappedKey: z.base64().min(1), keyVersion: z.string().optional(), createdAt: z.date(), rewrappedAt: z.date().optional() });
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
        const { _id, keyName, wrappedKey, keyVersion, createdAt } = parseDocument(StoredDataKey, collectionName, document);
        return { id: _id, keyName, wrappedKey, createdAt, ...(keyVersion === undefined ? {} : { keyVersion }) };
      }),
    insertIfAbsent: ({ id, keyName, wrappedKey, keyVersion, createdAt }: WrappedDataKey) =>
      classified(() => insertIfAbsent(keys, { _id: id, keyName, wrappedKey, createdAt, ...(keyVersion === undefined ? {} : { keyVersion }) })),
  };
}

/**
 * Re-wraps, with the KMS key's primary version, every data key wrapped by an older one (after a
 * rotation), so that old versions can in time be disabled; returns how many. The data keys do not
 * change, so nothing they sealed is touched. Each update is a compare-and-set on the wrapped key it
 * read: a key shredded meanwhile stays shredded. Idempotent; run on a schedule.
 */
export async function rewrapDataKeys(db: Db, kms: KmsWrapping, now: () => Date = () => new Date()): Promise<{ rewrapped: number; primary: string }> {
  const keys = dataKeysCollection(db);
  // The version KMS wraps with now is the primary one: learnt from a throwaway wrap, which needs no
  // permission beyond the encrypt and decrypt the functions already have.
  const { keyVersion: primary } = await kms.wrap(Buffer.alloc(32), "data_keys/primary-probe");
  let rewrapped = 0;
  for await (const document of keys.find({ keyVersion: { $ne: primary } })) {
    const stored = parseDocument(StoredDataKey, collectionName, document);
    const dataKey = await kms.unwrap(stored.keyName, Buffer.from(stored.wrappedKey, "base64"), wrappingBinding(stored._id));
    const { wrapped, keyVersion } = await kms.wrap(dataKey, wrappingBinding(stored._id));
    const updated = await keys.updateOne(
      { _id: stored._id, wrappedKey: stored.wrappedKey },
      { $set: { keyName: kms.keyName, wrappedKey: wrapped.toString("base64"), keyVersion, rewrappedAt: now() } },
    );
    rewrapped += updated.modifiedCount;
  }
  return { rewrapped, primary };
}
