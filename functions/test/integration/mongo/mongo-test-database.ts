import { randomBytes } from "node:crypto";
import { MongoClient, type Db, type Document } from "mongodb";
import { ensureIndexes } from "../../../src/adapters/mongo/indexes.js";
import type { IdPrefix } from "../../../src/ports/ids.js";
import { platformEnv, uniqueName } from "../support/local-platform.js";

/** A fresh database with every index, for one test file; `drop` removes it and disconnects. */
export async function openTestDatabase(prefix: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  // The option of the functions' own client (adapters/mongo/mongo-client.ts) that changes what is written.
  const client = new MongoClient(platformEnv("MONGODB_URI"), { ignoreUndefined: true });
  const db = client.db(uniqueName(prefix).replace(/-/g, "_"));
  await ensureIndexes(db);
  return {
    db,
    drop: async () => {
      await db.dropDatabase();
      await client.close();
    },
  };
}

/** An id in the shape the contracts accept: prefix, underscore, 16 to 32 letters and digits. */
export function testId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(8).toString("hex")}`;
}

/** Runs `count` calls of `call` at once. */
export function concurrently<T>(count: number, call: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => call(index)));
}

/** A collection as stored, read directly to check what the adapters wrote. */
export function storedDocuments(db: Db, collection: string) {
  return db.collection<Document & { _id: string }>(collection);
}

/** One document as stored, outbox included; null when there is none. */
export function storedDocument(db: Db, collection: string, id: string) {
  return storedDocuments(db, collection).findOne({ _id: id });
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (reason: unknown) => reason,
  );
}
