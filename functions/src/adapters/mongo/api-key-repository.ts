import type { Db } from "mongodb";
import type { ApiKeyRepository } from "../../ports/api-key-repository.js";
import { findAllWhere, findOneWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";

/** API keys by hash; the hash is unique. */
export function mongoApiKeyRepository(db: Db): ApiKeyRepository {
  const { apiKeys } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(apiKeys, { atomicFields: ["lastUsedAt"] }),
    findByHash: async (hash) => (await findOneWhere(apiKeys, { hash })) ?? findOneWhere(apiKeys, { previousHash: hash }),
    listByOrg: (orgId) => findAllWhere(apiKeys, { orgId }),
    // $max: concurrent requests may touch in any order, and `last used` must never move back.
    touch: (id, at) =>
      classified(async () => {
        await apiKeys.collection.updateOne({ _id: id }, { $max: { lastUsedAt: at } });
      }),
  };
}
