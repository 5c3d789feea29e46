import type { Db, Document } from "mongodb";
import { z } from "zod";
import { AppError } from "../../domain/app-error.js";
import { Claim } from "../../domain/claims/claim.js";
import { Submission } from "../../domain/claims/submission.js";
import { ApiKey } from "../../domain/identity/api-key.js";
import { User } from "../../domain/identity/user.js";
import { Opportunity } from "../../domain/opportunities/opportunity.js";
import { Invitation } from "../../domain/organizations/invitation.js";
import { Organization } from "../../domain/organizations/organization.js";
import { Payout } from "../../domain/payouts/payout.js";
import { PayoutDetails } from "../../domain/payouts/payout-details.js";
import { Redemption } from "../../domain/redemptions/redemption.js";
import { RedemptionOffer } from "../../domain/redemptions/redemption-offer.js";
import { Reward } from "../../domain/rewards/reward.js";
import { VoucherPool } from "../../domain/vouchers/voucher-pool.js";
import { WebhookEndpoint } from "../../domain/webhooks/webhook-endpoint.js";
import { WebhookMessage } from "../../domain/webhooks/webhook-message.js";
import type { KeyRing } from "../../ports/key-ring.js";
import type { OutboxSource } from "../../ports/outbox.js";
import { SealedSecretRecord } from "../kms/envelope.js";
import { instanceKeyRing } from "../kms/instance-key-ring.js";
import { aggregateCollection, mongoAggregateStore, type StoredForm } from "./aggregate-store.js";

// The one place that names the collections of aggregates: nothing outside adapters/mongo knows them.

/**
 * Every aggregate's collection, each with the one codec that stores and parses it. `keyRing`
 * encrypts the fields stored encrypted; by default, the instance's (config.ts).
 */
export function aggregateCollections(db: Db, keyRing: KeyRing = instanceKeyRing) {
  return {
    organizations: aggregateCollection(db, "organizations", Organization),
    users: aggregateCollection(db, "users", User),
    apiKeys: aggregateCollection(db, "api_keys", ApiKey),
    opportunities: aggregateCollection(db, "opportunities", Opportunity),
    claims: aggregateCollection(db, "claims", Claim),
    submissions: aggregateCollection(db, "submissions", Submission, answersAsList),
    rewards: aggregateCollection(db, "rewards", Reward),
    voucherPools: aggregateCollection(db, "voucher_pools", VoucherPool),
    webhookEndpoints: aggregateCollection(db, "webhook_endpoints", WebhookEndpoint, secretEncrypted("webhook_endpoints", keyRing)),
    webhookMessages: aggregateCollection(db, "webhook_messages", WebhookMessage),
    invitations: aggregateCollection(db, "invitations", Invitation, pendingKeyed),
    payouts: aggregateCollection(db, "payouts", Payout),
    payoutDetails: aggregateCollection(db, "payout_details", PayoutDetails),
    redemptionOffers: aggregateCollection(db, "redemption_offers", RedemptionOffer),
    redemptions: aggregateCollection(db, "redemptions", Redemption),
  };
}

/** The collection of each kind of aggregate that carries an outbox. */
export const outboxCollections: Record<OutboxSource["aggregate"], string> = {
  opportunity: "opportunities",
  claim: "claims",
  submission: "submissions",
  reward: "rewards",
  payout: "payouts",
  voucherPool: "voucher_pools",
  points_entry: "points_ledger",
  redemption: "redemptions",
};

const StoredAnswers = z.array(z.object({ questionId: z.string(), value: z.unknown() }));

/**
 * Answers are kept as a list of {questionId, value}, not as an object keyed by question id: a
 * rejected submission is stored with whatever keys the participant sent, and such keys are not
 * safe as field names.
 */
const answersAsList: StoredForm = {
  toStored: ({ answers, ...fields }: Document) => ({
    ...fields,
    answers: Object.entries(z.record(z.string(), z.unknown()).parse(answers)).map(([questionId, value]) => ({ questionId, value })),
  }),
  fromStored: ({ answers, ...fields }: Document) => {
    const list = StoredAnswers.safeParse(answers);
    // Left as it is when malformed, for the aggregate's schema to report as corrupt.
    return { ...fields, answers: list.success ? Object.fromEntries(list.data.map(({ questionId, value }) => [questionId, value])) : answers };
  },
};

/**
 * One pending invitation per organization and email: a pending invitation stores the pair as
 * `pendingKey`, under a unique index; a closed one stores its own id there, which frees the pair.
 * (FerretDB v1, the local server, has no partial indexes to say "unique among pending".)
 */
const pendingKeyed: StoredForm = {
  toStored: (fields, id) => ({ ...fields, pendingKey: fields["status"] === "pending" ? pendingKey(String(fields["orgId"]), String(fields["email"])) : id }),
  fromStored: ({ pendingKey: _pendingKey, ...fields }) => fields,
};

export const pendingKey = (orgId: string, email: string): string => `${orgId}/${email}`;

/**
 * A webhook endpoint's signing secrets and keys authenticate us to its receiver, so the database
 * never holds them in clear: the secret, the ed25519 signing key and the pair a rotation replaced
 * are each stored sealed by the key ring (envelope encryption under Cloud KMS), bound to their
 * collection, document and field, so that a sealed value copied to another document or field
 * does not decrypt. A secret stored in clear before this is read as it is until
 * `encryptPlainWebhookSecrets` re-saves it.
 */
function secretEncrypted(collection: string, keyRing: KeyRing): StoredForm {
  const boundTo = (id: string, field: string) => `${collection}/${id}/${field}`;
  const seal = async (value: unknown, id: string, field: string) => (typeof value === "string" ? keyRing.encrypt(value, boundTo(id, field)) : value);
  // Anything but a sealed record, a clear secret included, is left for the aggregate's schema to judge.
  const open = async (value: unknown, id: string, field: string) => {
    const sealed = SealedSecretRecord.safeParse(value);
    return sealed.success ? keyRing.decrypt(sealed.data, boundTo(id, field)) : value;
  };
  const Previous = z.looseObject({ secret: z.unknown(), signingKey: z.unknown() });
  return {
    toStored: async ({ secret, signingKey, previous, ...fields }: Document, id) => {
      const replaced = Previous.nullish().parse(previous);
      return {
        ...fields,
        secret: await keyRing.encrypt(z.string().parse(secret), boundTo(id, "secret")),
        ...(signingKey === undefined ? {} : { signingKey: await seal(signingKey, id, "signingKey") }),
        ...(previous === undefined
          ? {}
          : { previous: replaced && { ...replaced, secret: await seal(replaced.secret, id, "previous.secret"), signingKey: await seal(replaced.signingKey, id, "previous.signingKey") } }),
      };
    },
    fromStored: async ({ secret, signingKey, previous, ...fields }: Document, id) => {
      const replaced = Previous.nullish().safeParse(previous);
      return {
        ...fields,
        secret: await open(secret, id, "secret"),
        ...(signingKey === undefined ? {} : { signingKey: await open(signingKey, id, "signingKey") }),
        ...(previous === undefined
          ? {}
          : {
              previous:
                replaced.success && replaced.data
                  ? { ...replaced.data, secret: await open(replaced.data.secret, id, "previous.secret"), signingKey: await open(replaced.data.signingKey, id, "previous.signingKey") }
                  : previous,
            }),
      };
    },
  };
}

/**
 * Re-saves, encrypted, every webhook endpoint whose secret is still stored in clear (stored before
 * secrets were encrypted); returns how many. Run by the migration command; a no-op once done.
 */
export async function encryptPlainWebhookSecrets(db: Db, keyRing: KeyRing = instanceKeyRing): Promise<number> {
  const { webhookEndpoints } = aggregateCollections(db, keyRing);
  const store = mongoAggregateStore(webhookEndpoints);
  const plain = await webhookEndpoints.collection.find({ secret: { $type: "string" } }, { projection: { _id: 1 } }).toArray();
  let encrypted = 0;
  for (const { _id } of plain) {
    const endpoint = await store.findById(_id);
    if (!endpoint) continue;
    try {
      await store.save(endpoint, endpoint.version);
      encrypted += 1;
    } catch (error) {
      // A save that landed in between stored the secret encrypted already.
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
    }
  }
  return encrypted;
}
