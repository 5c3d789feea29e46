import { oidcIssuersCollection } from "./oidc-issuer-repository.js";
import { MongoServerError, type Collection, type Db, type Document } from "mongodb";
import { auditLogCollection } from "./audit-log.js";
import { aggregateCollections } from "./collections.js";
import { eventsCollection } from "./documents/event-document.js";
import { monthlyBudgetsCollection } from "./monthly-budget-repository.js";
import { inboxCollection, inboxRetentionSeconds } from "./documents/inbox-document.js";
import { notificationRetentionSeconds, notificationsCollection } from "./notification-log.js";
import { idempotencyKeysCollection, idempotencyRetentionSeconds } from "./documents/idempotency-document.js";
import { pointsLedgerCollection } from "./documents/points-entry-document.js";
import { voucherAllocationsCollection, voucherCodesCollection } from "./voucher-code-store.js";
import { webhookAttemptsCollection } from "./webhook-attempt-log.js";

const notImplementedCode = 238;
const indexNotFoundCode = 27;

/**
 * Indexes the code no longer relies on, by collection. The unique (opportunity, participant) index
 * of claims allowed one claim per participant; repeat claims are unique by sequence instead.
 */
// The email index of invitations gave way to one on its blind index (collections.ts).
const retiredIndexes = { claims: ["opportunityId_1_userId_1"], invitations: ["email_1_status_1"] } as const;

/**
 * Creates every index the repositories rely on: the unique ones that enforce domain rules, and
 * (field, createdAt, _id) ones that serve keyset pages in both directions. Creating an index
 * that exists is a no-op, so this runs at every start or deploy, never per request.
 */
export async function ensureIndexes(db: Db): Promise<void> {
  const { organizations, users, apiKeys, opportunities, claims, rewards, webhookEndpoints, webhookMessages, submissions, invitations, payouts, voucherPools, redemptionOffers, redemptions } = aggregateCollections(db);
  await Promise.all([
    organizations.collection.createIndex({ "members.userId": 1 }),
    users.collection.createIndex({ identityKey: 1 }, { unique: true }),
    apiKeys.collection.createIndex({ hash: 1 }, { unique: true }),
    oidcIssuersCollection(db).createIndex({ key: 1 }, { unique: true }),
    oidcIssuersCollection(db).createIndex({ issuer: 1 }),
    oidcIssuersCollection(db).createIndex({ orgId: 1, createdAt: 1, _id: 1 }),
    apiKeys.collection.createIndex({ orgId: 1, createdAt: 1, _id: 1 }),
    // The secret a rotation replaced authenticates until its overlap ends.
    apiKeys.collection.createIndex({ previousHash: 1 }),
    opportunities.collection.createIndex({ status: 1, createdAt: 1, _id: 1 }),
    opportunities.collection.createIndex({ orgId: 1, createdAt: 1, _id: 1 }),
    // Finds the reservations a reconciliation settles; nearly every opportunity holds none.
    opportunities.collection.createIndex({ "reservations.at": 1 }),
    // A participant's claims of an opportunity, one per sequence number: of two requests racing for the next, one writes it.
    claims.collection.createIndex({ opportunityId: 1, userId: 1, sequence: 1 }, { unique: true }),
    claims.collection.createIndex({ userId: 1, createdAt: 1, _id: 1 }),
    claims.collection.createIndex({ opportunityId: 1, createdAt: 1, _id: 1 }),
    rewards.collection.createIndex({ claimId: 1 }, { unique: true }),
    rewards.collection.createIndex({ userId: 1, createdAt: 1, _id: 1 }),
    // An opportunity's issued rewards, summed as its budget's spend.
    rewards.collection.createIndex({ opportunityId: 1, status: 1 }),
    // An organization's rewards issued in a month, summed as its monthly budgets' spend.
    rewards.collection.createIndex({ orgId: 1, status: 1, issuedAt: 1 }),
    // An organization's months, each unit's count a document (adapters/mongo/monthly-budget-repository.ts).
    monthlyBudgetsCollection(db).createIndex({ orgId: 1, month: 1 }),
    // A participant's entries, one per number and one per key: of two racing appends, one takes
    // the number; a retried append is a duplicate (adapters/mongo/points-ledger.ts).
    pointsLedgerCollection(db).createIndex({ userId: 1, seq: 1 }, { unique: true }),
    pointsLedgerCollection(db).createIndex({ userId: 1, key: 1 }, { unique: true }),
    // Earn entries past their expiry that the expiry job has not settled (app/points/expire-points.ts).
    pointsLedgerCollection(db).createIndex({ kind: 1, expiresAt: 1, _id: 1 }),
    // One payout per cash reward: of two deliveries of the same claim.completed.v1, one creates it.
    payouts.collection.createIndex({ rewardId: 1 }, { unique: true }),
    payouts.collection.createIndex({ userId: 1, createdAt: 1, _id: 1 }),
    payouts.collection.createIndex({ orgId: 1, createdAt: 1, _id: 1 }),
    payouts.collection.createIndex({ orgId: 1, status: 1, createdAt: 1, _id: 1 }),
    // Payouts the reconciliation finds stalled.
    payouts.collection.createIndex({ status: 1, updatedAt: 1 }),
    // Reconciliation scans by time (adapters/mongo/reconciliation-reads.ts and the event log).
    eventsCollection(db).createIndex({ occurredAt: 1, _id: 1 }),
    // One organization's events by time: a replay of what an endpoint missed (app/webhooks/replay-missing-messages.ts).
    eventsCollection(db).createIndex({ orgId: 1, occurredAt: 1, _id: 1 }),
    claims.collection.createIndex({ status: 1, completedAt: 1, _id: 1 }),
    // Active claims past their deadline, for the reconciliation (app/reconciliation/check-claim-deadlines.ts).
    claims.collection.createIndex({ status: 1, deadline: 1, _id: 1 }),
    rewards.collection.createIndex({ status: 1, type: 1, issuedAt: 1, _id: 1 }),
    pointsLedgerCollection(db).createIndex({ rewardId: 1 }),
    webhookMessages.collection.createIndex({ status: 1, lastActivityAt: 1, _id: 1 }),
    submissions.collection.createIndex({ claimId: 1, requestKey: 1 }),
    // One submission per attempt of a task: of two racing for the same attempt, one is refused.
    submissions.collection.createIndex({ claimId: 1, taskId: 1, attempt: 1 }, { unique: true }),
    // Reconciliation scans decisions by time (decision_applied).
    submissions.collection.createIndex({ "review.decidedAt": 1, _id: 1 }),
    // The review queue and the organization's lists of submissions, oldest first.
    submissions.collection.createIndex({ orgId: 1, status: 1, createdAt: 1, _id: 1 }),
    submissions.collection.createIndex({ claimId: 1, createdAt: 1, _id: 1 }),
    pointsLedgerCollection(db).createIndex({ at: 1, _id: 1 }),
    webhookEndpoints.collection.createIndex({ orgId: 1 }),
    // The attempt log's two lists, by endpoint and by message, each in time order (adapters/mongo/webhook-attempt-log.ts).
    webhookAttemptsCollection(db).createIndex({ endpointId: 1, createdAt: 1, _id: 1 }),
    webhookAttemptsCollection(db).createIndex({ messageId: 1, createdAt: 1, _id: 1 }),
    // The message lists (by organization, or one endpoint's, e.g. its failed ones since a time for a recovery).
    webhookMessages.collection.createIndex({ orgId: 1, createdAt: 1, _id: 1 }),
    webhookMessages.collection.createIndex({ endpointId: 1, status: 1, createdAt: 1, _id: 1 }),
    // One pending invitation per organization and email (collections.ts, pendingKeyed).
    invitations.collection.createIndex({ pendingKey: 1 }, { unique: true }),
    invitations.collection.createIndex({ orgId: 1, status: 1 }),
    invitations.collection.createIndex({ emailIndex: 1, status: 1 }),
    voucherPools.collection.createIndex({ orgId: 1, createdAt: 1, _id: 1 }),
    // A code once in its pool; a code given once (its allocation's id is the code's) and a reward given one code.
    voucherCodesCollection(db).createIndex({ poolId: 1, code: 1 }, { unique: true }),
    voucherCodesCollection(db).createIndex({ poolId: 1, createdAt: 1, _id: 1 }),
    voucherAllocationsCollection(db).createIndex({ rewardId: 1 }, { unique: true }),
    // Voucher rewards that failed for want of codes, issued again when codes are added.
    rewards.collection.createIndex({ poolId: 1, status: 1 }),
    redemptionOffers.collection.createIndex({ orgId: 1, createdAt: 1, _id: 1 }),
    redemptionOffers.collection.createIndex({ active: 1, createdAt: 1, _id: 1 }),
    // One redemption per request (its key); the participant's list; pending ones a crash left.
    redemptions.collection.createIndex({ key: 1 }, { unique: true }),
    // Each organization's audit chain, newest first, and by action.
    auditLogCollection(db).createIndex({ orgId: 1, seq: -1 }),
    auditLogCollection(db).createIndex({ orgId: 1, action: 1, seq: -1 }),
    redemptions.collection.createIndex({ userId: 1, createdAt: 1, _id: 1 }),
    redemptions.collection.createIndex({ status: 1, createdAt: 1 }),
    ensureExpiry(idempotencyKeysCollection(db), "createdAt", idempotencyRetentionSeconds),
    ensureExpiry(inboxCollection(db), "handledAt", inboxRetentionSeconds),
    ensureExpiry(notificationsCollection(db), "claimedAt", notificationRetentionSeconds),
  ]);
}

/**
 * Drops the retired indexes. Runs after `ensureIndexes`, so a rule a retired unique index enforced
 * is enforced by its successor before the old one goes; a no-op once done.
 */
export async function dropRetiredIndexes(db: Db): Promise<string[]> {
  const dropped: string[] = [];
  for (const [collection, names] of Object.entries(retiredIndexes)) {
    for (const name of names) {
      try {
        await db.collection(collection).dropIndex(name);
        dropped.push(`${collection}.${name}`);
      } catch (error) {
        if (!(error instanceof MongoServerError && (error.code === indexNotFoundCode || error.codeName === "IndexNotFound" || error.codeName === "NamespaceNotFound"))) throw error;
      }
    }
  }
  return dropped;
}

/**
 * Numbers the claims stored before repeat claims existed: each was its participant's only claim of
 * its opportunity, so each is the first. Runs before the indexes, at every start or deploy, so that
 * the unique index on (opportunity, participant, sequence) sees every claim; a no-op once done.
 */
export async function numberClaims(db: Db): Promise<number> {
  const { claims } = aggregateCollections(db);
  return (await claims.collection.updateMany({ sequence: { $exists: false } }, { $set: { sequence: 1 } })).modifiedCount;
}

/**
 * Gives a version to every aggregate stored before aggregates had one, so that optimistic saves
 * can compare it. Runs with the indexes, at every start or deploy; a no-op once done.
 */
export async function backfillVersions(db: Db): Promise<number> {
  let updated = 0;
  for (const { collection } of Object.values(aggregateCollections(db))) {
    updated += (await collection.updateMany({ version: { $exists: false } }, { $set: { version: 1 } })).modifiedCount;
  }
  return updated;
}

/**
 * Numbers the attempts of submissions stored before attempts existed (each task's, oldest first,
 * after any already numbered), so that the unique index on (claim, task, attempt) can be built.
 * Runs before the indexes, at every start or deploy; a no-op once done.
 */
export async function numberSubmissionAttempts(db: Db): Promise<number> {
  const { submissions } = aggregateCollections(db);
  const unnumbered = await submissions.collection.find({ attempt: { $exists: false } }).sort({ createdAt: 1, _id: 1 }).toArray();
  const taken = new Map<string, number>();
  let numbered = 0;
  for (const document of unnumbered) {
    const task = `${String(document.claimId)}/${String(document.taskId)}`;
    if (!taken.has(task)) {
      const [latest] = await submissions.collection.find({ claimId: document.claimId, taskId: document.taskId, attempt: { $exists: true } }).sort({ attempt: -1 }).limit(1).toArray();
      taken.set(task, Number(latest?.attempt ?? 0));
    }
    const attempt = (taken.get(task) ?? 0) + 1;
    taken.set(task, attempt);
    numbered += (await submissions.collection.updateOne({ _id: document._id, attempt: { $exists: false } }, { $set: { attempt } })).modifiedCount;
  }
  return numbered;
}

/**
 * A TTL index. FerretDB v1, the local server, has none: there, idempotency records and inbox
 * entries stay until the local data is reset, which only makes them answer for longer.
 */
async function ensureExpiry<D extends Document>(collection: Collection<D>, field: keyof D & string, seconds: number): Promise<void> {
  try {
    await collection.createIndex({ [field]: 1 }, { expireAfterSeconds: seconds });
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === notImplementedCode)) throw error;
  }
}
