import type { PersonalDataVault } from "../../../src/ports/personal-data-vault.js";
import { InMemoryMediaAssetRepository, InMemoryMediaHashIndex } from "./in-memory-media.js";
import { InMemoryWebhookAttemptLog } from "./in-memory-webhook-attempts.js";
import {
  InMemoryApiKeyRepository,
  InMemoryClaimRepository,
  InMemoryEventOutbox,
  InMemoryOpportunityRepository,
  InMemoryOrganizationRepository,
  InMemoryPointsLedger,
  InMemoryRewardRepository,
  InMemorySubmissionRepository,
  InMemoryUserRepository,
  InMemoryWebhookEndpointRepository,
  InMemoryWebhookMessageRepository,
} from "./in-memory-repositories.js";
import { InMemoryAuditLog } from "./in-memory-audit-log.js";
import { InMemoryOidcIssuerRepository, InMemoryOidcSubjectRepository } from "./in-memory-oidc.js";
import { InMemoryEventLog } from "./in-memory-event-log.js";
import { InMemoryPayoutDetailsRepository, InMemoryPayoutRepository } from "./in-memory-payouts.js";
import { InMemoryRedemptionOfferRepository, InMemoryRedemptionRepository } from "./in-memory-redemptions.js";
import { InMemoryVoucherCodeStore, InMemoryVoucherPoolRepository, ScriptedRandom } from "./in-memory-vouchers.js";
import { FakeIdentityDirectory, InMemoryInvitationRepository } from "./in-memory-invitations.js";
import { InMemoryEndpointGate } from "./in-memory-endpoint-gate.js";
import { ArmedFaults, InMemoryInbox } from "./in-memory-inbox.js";
import { FakeEmailDirectory, InMemoryNotificationLog, RecordingMailer } from "./in-memory-notifications.js";
import {
  FakeIdentityVerifier,
  FixedClock,
  InMemoryIdempotencyStore,
  RecordingEventPublisher,
  RecordingLogger,
  RecordingTaskQueue,
  RecordingWebhookSender,
  SequentialIds,
} from "./in-memory-services.js";
import { InMemoryMonthlyBudgetRepository } from "./in-memory-monthly-budgets.js";

/** Records which users' data keys were shredded, and deletes their payout details as the real vault does. */
export class InMemoryPersonalDataVault implements PersonalDataVault {
  readonly shredded: string[] = [];
  constructor(private readonly payoutDetails: InMemoryPayoutDetailsRepository) {}
  async shred(userId: string) {
    this.payoutDetails.table.delete(userId);
    if (!this.shredded.includes(userId)) this.shredded.push(userId);
  }
  async rewrapKeys() {
    return 0;
  }
}

export const startOfTest = new Date("2026-03-02T09:00:00.000Z");

/** Every port a use case takes, in memory, with the clock fixed at `startOfTest`. */
export function inMemoryDeps() {
  const opportunities = new InMemoryOpportunityRepository();
  const claims = new InMemoryClaimRepository();
  const submissions = new InMemorySubmissionRepository();
  const rewards = new InMemoryRewardRepository();
  const ledger = new InMemoryPointsLedger();
  const voucherPools = new InMemoryVoucherPoolRepository();
  const payouts = new InMemoryPayoutRepository();
  const redemptions = new InMemoryRedemptionRepository();
  const users = new InMemoryUserRepository();
  const payoutDetails = new InMemoryPayoutDetailsRepository();
  const outbox = new InMemoryEventOutbox({ opportunity: opportunities.table, claim: claims.table, submission: submissions.table, reward: rewards.table, voucherPool: voucherPools.table, points_entry: ledger.outboxes, payout: payouts.table, redemption: redemptions.table, user: users.table });
  return {
    organizations: new InMemoryOrganizationRepository(),
    users,
    vault: new InMemoryPersonalDataVault(payoutDetails),
    apiKeys: new InMemoryApiKeyRepository(),
    oidcIssuers: new InMemoryOidcIssuerRepository(),
    oidcSubjects: new InMemoryOidcSubjectRepository(),
    mediaAssets: new InMemoryMediaAssetRepository(),
    mediaHashes: new InMemoryMediaHashIndex(),
    opportunities,
    monthlyBudgets: new InMemoryMonthlyBudgetRepository(),
    claims,
    submissions,
    rewards,
    ledger,
    pointsPolicy: { expireAfterDays: 365 },
    payouts,
    payoutDetails,
    voucherPools,
    voucherCodes: new InMemoryVoucherCodeStore(),
    redemptionOffers: new InMemoryRedemptionOfferRepository(),
    redemptions,
    auditLog: new InMemoryAuditLog(),
    random: new ScriptedRandom(),
    webhookEndpoints: new InMemoryWebhookEndpointRepository(),
    webhookMessages: new InMemoryWebhookMessageRepository(),
    webhookAttempts: new InMemoryWebhookAttemptLog(),
    invitations: new InMemoryInvitationRepository(),
    gate: new InMemoryEndpointGate(),
    outbox,
    eventLog: new InMemoryEventLog(outbox.log),
    inbox: new InMemoryInbox(),
    faults: new ArmedFaults(),
    idempotency: new InMemoryIdempotencyStore(),
    publisher: new RecordingEventPublisher(),
    tasks: new RecordingTaskQueue(),
    sender: new RecordingWebhookSender(),
    webhookTimeScale: 1,
    identity: new FakeIdentityVerifier(),
    directory: new FakeIdentityDirectory(),
    emailDirectory: new FakeEmailDirectory(),
    notifications: new InMemoryNotificationLog(),
    mailer: new RecordingMailer(),
    appBaseUrl: "https://app.user-x.test",
    emailLinkSecret: () => testEmailLinkSecret,
    ids: new SequentialIds(),
    clock: new FixedClock(startOfTest),
    logger: new RecordingLogger(),
  };
}

export type InMemoryDeps = ReturnType<typeof inMemoryDeps>;

/** The secret the unit tests' unsubscribe links are signed with. */
export const testEmailLinkSecret = "unit-test-email-link-secret-0123456789";
