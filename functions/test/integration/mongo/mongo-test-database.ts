import { randomBytes } from "node:crypto";
import { MongoClient, type Db, type Document } from "mongodb";
import { ensureIndexes } from "../../../src/adapters/mongo/indexes.js";
import type { IdPrefix } from "../../../src/ports/ids.js";
import { platformEnv, uniqueName } from "../support/local-platform.js";

/** A fresh database with every index, for one test file; `drop` removes it and disconnects. */
export async function openTestDatabase(prefix: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  const client = new MongoClient(platformEnv("MONGODB_URI"));
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
