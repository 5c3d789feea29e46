import { MongoServerError, type Db } from "mongodb";
import { apiKeysCollection } from "./documents/api-key-document.js";
import { claimsCollection } from "./documents/claim-document.js";
import { idempotencyKeysCollection, idempotencyRetentionSeconds } from "./documents/idempotency-document.js";
import { opportunitiesCollection } from "./documents/opportunity-document.js";
import { organizationsCollection } from "./documents/organization-document.js";
import { pointsLedgerCollection } from "./documents/points-entry-document.js";
import { rewardsCollection } from "./documents/reward-document.js";
import { usersCollection } from "./documents/user-document.js";
import { webhookEndpointsCollection } from "./documents/webhook-endpoint-document.js";

const notImplementedCode = 238;

/**
 * Creates every index the repositories rely on: the unique ones that enforce domain rules, and
 * (field, createdAt, _id) ones that serve keyset pages in both directions. Creating an index
 * that exists is a no-op, so this runs at every start or deploy, never per request.
 */
export async function ensureIndexes(db: Db): Promise<void> {
  await Promise.all([
    organizationsCollection(db).createIndex({ "members.userId": 1 }),
    usersCollection(db).createIndex({ identityKey: 1 }, { unique: true }),
    apiKeysCollection(db).createIndex({ hash: 1 }, { unique: true }),
    opportunitiesCollection(db).createIndex({ status: 1, createdAt: 1, _id: 1 }),
    opportunitiesCollection(db).createIndex({ orgId: 1, createdAt: 1, _id: 1 }),
    claimsCollection(db).createIndex({ opportunityId: 1, userId: 1 }, { unique: true }),
    claimsCollection(db).createIndex({ userId: 1, createdAt: 1, _id: 1 }),
    rewardsCollection(db).createIndex({ claimId: 1 }, { unique: true }),
    rewardsCollection(db).createIndex({ userId: 1, createdAt: 1, _id: 1 }),
    pointsLedgerCollection(db).createIndex({ userId: 1 }),
    webhookEndpointsCollection(db).createIndex({ orgId: 1 }),
    ensureIdempotencyExpiry(db),
  ]);
}

// FerretDB v1, the local server, has no TTL indexes: there, idempotency records stay until the
// local data is reset, which only makes retried requests replay for longer than a day.
async function ensureIdempotencyExpiry(db: Db): Promise<void> {
  try {
    await idempotencyKeysCollection(db).createIndex({ createdAt: 1 }, { expireAfterSeconds: idempotencyRetentionSeconds });
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === notImplementedCode)) throw error;
  }
}
