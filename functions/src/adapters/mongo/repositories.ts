import type { Db } from "mongodb";
import { mongoAggregateStore } from "./aggregate-store.js";
import { mongoApiKeyRepository } from "./api-key-repository.js";
import { mongoAuditLog } from "./audit-log.js";
import { mongoClaimRepository } from "./claim-repository.js";
import { aggregateCollections } from "./collections.js";
import { mongoEndpointGate } from "./endpoint-gate.js";
import { mongoEventLog } from "./event-log.js";
import { mongoEventOutbox } from "./event-outbox.js";
import { mongoIdempotencyStore } from "./idempotency-store.js";
import { mongoInbox } from "./inbox.js";
import { mongoNotificationLog } from "./notification-log.js";
import { mongoInvitationRepository } from "./invitation-repository.js";
import { mongoMediaAssetRepository } from "./media-asset-repository.js";
import { mongoMediaHashIndex } from "./media-hash-index.js";
import { mongoMonthlyBudgetRepository } from "./monthly-budget-repository.js";
import { mongoOidcIssuerRepository } from "./oidc-issuer-repository.js";
import { mongoOidcSubjectRepository } from "./oidc-subject-repository.js";
import { mongoOpportunityRepository } from "./opportunity-repository.js";
import { mongoOrganizationRepository } from "./organization-repository.js";
import { mongoPayoutRepository } from "./payout-repository.js";
import { mongoPersonalDataVault } from "./personal-data-vault.js";
import { mongoPointsLedger } from "./points-ledger.js";
import { mongoReconciliationReads } from "./reconciliation-reads.js";
import { mongoRedemptionOfferRepository, mongoRedemptionRepository } from "./redemption-repository.js";
import { mongoRewardRepository } from "./reward-repository.js";
import { mongoSubmissionRepository } from "./submission-repository.js";
import { mongoUserRepository } from "./user-repository.js";
import { mongoVoucherCodeStore } from "./voucher-code-store.js";
import { mongoVoucherPoolRepository } from "./voucher-pool-repository.js";
import { mongoWebhookEndpointRepository } from "./webhook-endpoint-repository.js";
import { mongoWebhookAttemptLog } from "./webhook-attempt-log.js";
import { mongoWebhookMessageRepository } from "./webhook-message-repository.js";

/** Every persistence port, backed by one MongoDB database. */
export function mongoRepositories(db: Db) {
  const collections = aggregateCollections(db);
  return {
    organizations: mongoOrganizationRepository(db),
    users: mongoUserRepository(db),
    vault: mongoPersonalDataVault(db),
    mediaAssets: mongoMediaAssetRepository(db),
    mediaHashes: mongoMediaHashIndex(db),
    apiKeys: mongoApiKeyRepository(db),
    oidcIssuers: mongoOidcIssuerRepository(db),
    oidcSubjects: mongoOidcSubjectRepository(db),
    opportunities: mongoOpportunityRepository(db),
    monthlyBudgets: mongoMonthlyBudgetRepository(db),
    claims: mongoClaimRepository(db),
    submissions: mongoSubmissionRepository(db),
    rewards: mongoRewardRepository(db),
    ledger: mongoPointsLedger(db),
    payouts: mongoPayoutRepository(db),
    payoutDetails: mongoAggregateStore(collections.payoutDetails),
    voucherPools: mongoVoucherPoolRepository(db),
    voucherCodes: mongoVoucherCodeStore(db),
    redemptionOffers: mongoRedemptionOfferRepository(db),
    redemptions: mongoRedemptionRepository(db),
    auditLog: mongoAuditLog(db),
    webhookEndpoints: mongoWebhookEndpointRepository(db),
    webhookMessages: mongoWebhookMessageRepository(db),
    webhookAttempts: mongoWebhookAttemptLog(db),
    invitations: mongoInvitationRepository(db),
    gate: mongoEndpointGate(db),
    outbox: mongoEventOutbox(db),
    eventLog: mongoEventLog(db),
    inbox: mongoInbox(db),
    notifications: mongoNotificationLog(db),
    reconciliationReads: mongoReconciliationReads(db),
    idempotency: mongoIdempotencyStore(db),
  };
}
