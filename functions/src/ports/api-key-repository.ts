import type { ApiKey } from "../domain/identity/api-key.js";
import type { AggregateStore } from "./aggregate-store.js";

/** API keys by hash. `lastUsedAt` is the one field `save` never writes: it moves only through `touch`. */
export interface ApiKeyRepository extends AggregateStore<ApiKey> {
  /** The key whose current secret has this hash, or whose secret a rotation replaced had it. */
  findByHash(hash: string): Promise<ApiKey | null>;
  /** The organization's keys, oldest first. */
  listByOrg(orgId: string): Promise<ApiKey[]>;
  /** Moves `lastUsedAt` forward to `at`, never back, without a version check: concurrent requests touch in any order. */
  touch(id: string, at: Date): Promise<void>;
}
