import { MongoBulkWriteError, type Db } from "mongodb";
import { attemptRecordsOf } from "../../domain/webhooks/attempt-record.js";
import { aggregateCollections } from "./collections.js";
import { duplicateKeyCode } from "./errors.js";
import { webhookAttemptsCollection } from "./webhook-attempt-log.js";

/**
 * Copies into the attempt log the attempts of messages made before it existed (they were kept
 * only inside their message). Idempotent: a record's id derives from its message and number, so
 * a record already there is a duplicate and skipped. Returns how many records it wrote.
 */
export async function backfillWebhookAttempts(db: Db): Promise<number> {
  const { webhookMessages } = aggregateCollections(db);
  const log = webhookAttemptsCollection(db);
  let written = 0;
  for await (const document of webhookMessages.collection.find({ "attempts.0": { $exists: true } })) {
    const records = attemptRecordsOf(await webhookMessages.fromDocument(document));
    const documents = records.map(({ id, ...fields }) => ({ _id: id, ...fields, createdAt: fields.at }));
    try {
      written += (await log.insertMany(documents, { ordered: false })).insertedCount;
    } catch (error) {
      // Unordered: every record not yet there is written; the others are duplicates, and nothing else may fail.
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (!writeErrors.every((e) => e.code === duplicateKeyCode)) throw error;
      written += error.insertedCount;
    }
  }
  return written;
}
