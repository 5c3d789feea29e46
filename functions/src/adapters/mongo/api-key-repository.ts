import type { Db } from "mongodb";
import type { ApiKeyRepository } from "../../ports/repositories.js";
import { apiKeyFromDocument, apiKeyToDocument, apiKeysCollection } from "./documents/api-key-document.js";
import { classified } from "./errors.js";

/** API keys by hash, in `api_keys`; the hash is unique. */
export function mongoApiKeyRepository(db: Db): ApiKeyRepository {
  const apiKeys = apiKeysCollection(db);
  return {
    insert: (key) =>
      classified(async () => {
        await apiKeys.insertOne(apiKeyToDocument(key));
      }),

    findActiveByHash: (hash) =>
      classified(async () => {
        const document = await apiKeys.findOne({ hash, revokedAt: null });
        return document && apiKeyFromDocument(document);
      }),

    // $max: concurrent requests may touch in any order, and `last used` must never move back.
    touch: (id, at) =>
      classified(async () => {
        await apiKeys.updateOne({ _id: id }, { $max: { lastUsedAt: at } });
      }),
  };
}
