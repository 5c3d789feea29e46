import type { Db } from "mongodb";
import type { PersonalDataVault } from "../../ports/personal-data-vault.js";
import { aggregateCollections } from "./collections.js";
import { dataKeysCollection, rewrapDataKeys } from "./data-key-store.js";
import { classified } from "./errors.js";
import { instanceDataKeys, instanceKmsWrapping } from "./instance-pii-cipher.js";

/**
 * Shreds a user's data key (`data_keys/<userId>`) and deletes their payout details. The key is
 * dropped from this instance's cache at once; another instance may keep it for the rest of its
 * cache time (5 minutes), reading nothing new, since the user's documents were emptied first.
 */
export function mongoPersonalDataVault(db: Db): PersonalDataVault {
  return {
    shred: (userId) =>
      classified(async () => {
        await aggregateCollections(db).payoutDetails.collection.deleteOne({ _id: userId });
        await dataKeysCollection(db).deleteOne({ _id: userId });
        instanceDataKeys(db).forget(userId);
      }),
    rewrapKeys: () => classified(async () => (await rewrapDataKeys(db, instanceKmsWrapping())).rewrapped),
  };
}
