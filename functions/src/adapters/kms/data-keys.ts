import { LRUCache } from "lru-cache";
import { newDataKey } from "./envelope.js";
import type { KmsWrapping } from "./kms-wrapping.js";

/** A data key as stored: only wrapped by a KMS crypto key (base64), under its owner's id. */
export interface WrappedDataKey {
  /** A user's id (`usr_…`), or the name of a key of ours (`blind-index/email`). */
  readonly id: string;
  readonly keyName: string;
  readonly wrappedKey: string;
  /** The key version that wrapped it; absent on keys stored before versions were recorded. */
  readonly keyVersion?: string;
  readonly createdAt: Date;
}

/** Where wrapped data keys are kept (the `data_keys` collection). */
export interface WrappedDataKeyStore {
  find(id: string): Promise<WrappedDataKey | null>;
  /** True when this call stored it; false when a key was stored under `id` first. */
  insertIfAbsent(key: WrappedDataKey): Promise<boolean>;
}

export interface DataKeyOptions {
  /** How long an unwrapped data key is kept in memory; the store and KMS are asked again after that. */
  cacheTtlMs?: number;
  /** How many unwrapped data keys are kept at most. */
  cacheSize?: number;
  now?: () => Date;
}

// A request reads one user, maybe a few: a few minutes of cache spare most reads a KMS call, and
// bound how long a key outlives its erasure on another instance.
const defaults = { cacheTtlMs: 5 * 60_000, cacheSize: 10_000, now: () => new Date() } satisfies Required<DataKeyOptions>;

/** The data keys of envelope encryption, one per owner, unwrapped on demand and cached per instance. */
export interface DataKeys {
  /** The owner's data key, created and wrapped on first use. */
  keyOf(id: string): Promise<Buffer>;
  /** The owner's data key; undefined when it has none (never created, or shredded). */
  existingKeyOf(id: string): Promise<Buffer | undefined>;
  /** Drops the owner's key from this instance's cache (after it was shredded). */
  forget(id: string): void;
}

/** The associated data that binds a wrapped data key to its owner. */
export const wrappingBinding = (id: string): string => `data_keys/${id}`;

export function dataKeys(store: WrappedDataKeyStore, kms: KmsWrapping, options: DataKeyOptions = {}): DataKeys {
  const { cacheTtlMs, cacheSize, now } = { ...defaults, ...options };
  const cache = new LRUCache<string, Buffer>({ max: cacheSize, ttl: cacheTtlMs });
  // Concurrent cold reads of one owner share one store read and one KMS call.
  const loading = new Map<string, Promise<Buffer | undefined>>();

  async function load(id: string, create: boolean): Promise<Buffer | undefined> {
    const stored = await store.find(id);
    if (stored) return kms.unwrap(stored.keyName, Buffer.from(stored.wrappedKey, "base64"), wrappingBinding(id));
    if (!create) return undefined;
    const dataKey = newDataKey();
    const { wrapped, keyVersion } = await kms.wrap(dataKey, wrappingBinding(id));
    if (await store.insertIfAbsent({ id, keyName: kms.keyName, wrappedKey: wrapped.toString("base64"), keyVersion, createdAt: now() })) return dataKey;
    // Another request created it first: theirs is the key.
    return load(id, false);
  }

  async function cached(id: string, create: boolean): Promise<Buffer | undefined> {
    const hit = cache.get(id);
    if (hit) return hit;
    const pending = loading.get(id) ?? load(id, create).finally(() => loading.delete(id));
    loading.set(id, pending);
    const dataKey = (await pending) ?? (create ? await load(id, true) : undefined);
    if (dataKey) cache.set(id, dataKey);
    return dataKey;
  }

  return {
    async keyOf(id) {
      const dataKey = await cached(id, true);
      if (!dataKey) throw new Error(`no data key could be created for ${id}`);
      return dataKey;
    },
    existingKeyOf: (id) => cached(id, false),
    forget: (id) => void cache.delete(id),
  };
}
