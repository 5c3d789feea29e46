import type { Db } from "mongodb";
import type { IdempotencyState, IdempotencyStore } from "../../ports/idempotency-store.js";
import { IdempotencyDocument, idempotencyDocumentId, idempotencyKeysCollection } from "./documents/idempotency-document.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";
import { parseDocument } from "./parse-document.js";

// A request that has held its key this long without completing or releasing it has died
// (functions time out well before), so a retry may take the key over.
const abandonedAfterMs = 60_000;

/** Idempotency keys in `idempotency_keys`, one record per `scope:key`. */
export function mongoIdempotencyStore(db: Db): IdempotencyStore {
  const records = idempotencyKeysCollection(db);

  const begin = async (scope: string, key: string, fingerprint: string, now: Date, retries: number): Promise<IdempotencyState> => {
    const _id = idempotencyDocumentId(scope, key);
    if (await insertIfAbsent(records, { _id, fingerprint, state: "in_progress", createdAt: now })) return { state: "new" };
    const document = await records.findOne({ _id });
    // Released between the insert and the read: the key is free again.
    if (!document) return retries > 0 ? begin(scope, key, fingerprint, now, retries - 1) : { state: "in_progress" };
    const record = parseDocument(IdempotencyDocument, "idempotency_keys", document);
    if (record.fingerprint !== fingerprint) return { state: "mismatch" };
    if (record.state === "completed") return { state: "replay", response: record.response };
    if (now.getTime() - record.createdAt.getTime() < abandonedAfterMs) return { state: "in_progress" };
    // Compare-and-set on the start time read: of several retries taking over, exactly one wins.
    const takeover = await records.updateOne({ _id, state: "in_progress", createdAt: record.createdAt }, { $set: { createdAt: now } });
    return takeover.modifiedCount === 1 ? { state: "new" } : { state: "in_progress" };
  };

  return {
    begin: (scope, key, fingerprint, now) => classified(() => begin(scope, key, fingerprint, now, 1)),

    complete: (scope, key, response) =>
      classified(async () => {
        await records.updateOne(
          { _id: idempotencyDocumentId(scope, key), state: "in_progress" },
          { $set: { state: "completed", response: { status: response.status, body: response.body } } },
        );
      }),

    // Only an unfinished request is forgotten: a stored response must keep answering retries.
    release: (scope, key) =>
      classified(async () => {
        await records.deleteOne({ _id: idempotencyDocumentId(scope, key), state: "in_progress" });
      }),
  };
}
