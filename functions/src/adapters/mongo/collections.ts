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
import type { PiiCipher } from "../kms/pii-cipher.js";
import { instancePiiCipher } from "./instance-pii-cipher.js";
import { hasClearPersonalField, ownIdOwner, personalData, personalFieldsSealed, userIdOwner } from "./personal-fields.js";
import type { Aggregate } from "../../domain/aggregate.js";
import { aggregateCollection, mongoAggregateStore, type AggregateCollection, type StoredForm } from "./aggregate-store.js";

// The one place that names the collections of aggregates: nothing outside adapters/mongo knows them.

/**
 * Every aggregate's collection, each with the one codec that stores and parses it. `keyRing`
 * encrypts the secrets stored encrypted, `pii` the personal data
 * (personal-data.ts); by default, the instance's (config.ts).
 */
export function aggregateCollections(db: Db, keyRing: KeyRing = instanceKeyRing, pii: PiiCipher = instancePiiCipher(db)) {
  return {
    organizations: aggregateCollection(db, "organizations", Organization),
    users: aggregateCollection(db, "users", User, personalFieldsSealed("users", ownIdOwner, personalData.users, pii)),
    apiKeys: aggregateCollection(db, "api_keys", ApiKey),
    opportunities: aggregateCollection(db, "opportunities", Opportunity),
    claims: aggregateCollection(db, "claims", Claim),
    submissions: aggregateCollection(db, "submissions", Submission, personalFieldsSealed("submissions", userIdOwner, personalData.submissions, pii, answersAsList)),
    rewards: aggregateCollection(db, "rewards", Reward),
    voucherPools: aggregateCollection(db, "voucher_pools", VoucherPool),
    webhookEndpoints: aggregateCollection(db, "webhook_endpoints", WebhookEndpoint, secretEncrypted("webhook_endpoints", keyRing)),
    webhookMessages: aggregateCollection(db, "webhook_messages", WebhookMessage),
    invitations: aggregateCollection(db, "invitations", Invitation, invitationEmailSealed(keyRing, pii)),
    payouts: aggregateCollection(db, "payouts", Payout, personalFieldsSealed("payouts", userIdOwner, personalData.payouts, pii)),
    payoutDetails: aggregateCollection(db, "payout_details", PayoutDetails, personalFieldsSealed("payout_details", ownIdOwner, personalData.payout_details, pii)),
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
  user: "users",
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
 * (FerretDB v1, the local server, has no partial indexes to say "unique among pending".) The email
 * is sealed by the key ring (an invitee is not a user yet, so has no data key), and the pair and
 * the lookups use its blind index `emailIndex`, never the address.
 */
function invitationEmailSealed(keyRing: KeyRing, pii: PiiCipher): StoredForm {
  const boundTo = (id: string) => `invitations/${id}/email`;
  return {
    toStored: async ({ email, ...fields }, id) => {
      const address = z.string().parse(email);
      const emailIndex = await pii.emailIndex(address);
      return {
        ...fields,
        email: await keyRing.encrypt(address, boundTo(id)),
        emailIndex,
        pendingKey: fields["status"] === "pending" ? pendingKey(String(fields["orgId"]), emailIndex) : id,
      };
    },
    fromStored: async ({ pendingKey: _pendingKey, emailIndex: _emailIndex, email, ...fields }, id) => {
      const sealed = SealedSecretRecord.safeParse(email);
      return { ...fields, email: sealed.success ? await keyRing.decrypt(sealed.data, boundTo(id)) : email };
    },
  };
}

/** The unique key of a pending invitation: its organization and the blind index of its email. */
export const pendingKey = (orgId: string, emailIndex: string): string => `${orgId}/${emailIndex}`;

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

/**
 * Re-saves, sealed, every document whose personal data is still stored in clear (stored before it
 * was encrypted): users, payout details, payouts, submissions and invitations. Returns how many per
 * collection. Run by the migration command; a no-op once done.
 */
export async function encryptPlainPersonalData(db: Db, keyRing: KeyRing = instanceKeyRing, pii: PiiCipher = instancePiiCipher(db)): Promise<Record<string, number>> {
  const collections = aggregateCollections(db, keyRing, pii);
  const stores: [AggregateCollection<Aggregate>, (document: Document) => boolean][] = [
    [collections.users, (document) => hasClearPersonalField(document, personalData.users)],
    [collections.payoutDetails, (document) => hasClearPersonalField(document, personalData.payout_details)],
    [collections.payouts, (document) => hasClearPersonalField(document, personalData.payouts)],
    [collections.submissions, (document) => hasClearPersonalField(document, personalData.submissions)],
    [collections.invitations, (document) => typeof document["email"] === "string"],
  ];
  const counts: Record<string, number> = {};
  for (const [stored, inClear] of stores) {
    const store = mongoAggregateStore(stored);
    let sealed = 0;
    for await (const document of stored.collection.find({})) {
      if (!inClear(document)) continue;
      const aggregate = await stored.fromDocument(document);
      try {
        await store.save(aggregate, aggregate.version);
        sealed += 1;
      } catch (error) {
        // A save that landed in between stored it sealed already.
        if (!(error instanceof AppError && error.code === "conflict")) throw error;
      }
    }
    counts[stored.name] = sealed;
  }
  return counts;
}
