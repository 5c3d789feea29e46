import { z } from "zod";
import { DecidedBy, RejectionReason } from "./claims.js";
import { ClaimId, EventId, OpportunityId, OrgId, RewardId, SubmissionId, Timestamp, UserId, WebhookEndpointId, WebhookMessageId } from "./common.js";
import { CompletionReason } from "./opportunities.js";
import { PayoutFailureReason, PayoutId } from "./payouts.js";
import { RewardFailureReason, RewardType } from "./rewards.js";
import { RedemptionId, RedemptionOfferId } from "./redemptions.js";
import { VoucherPoolId } from "./vouchers.js";

// Domain events: tagged by a dotted, versioned type, so a consumer can parse exactly the
// versions it knows and a new version never breaks an old consumer.

// `traceparent` (CloudEvents' distributed-tracing extension, W3C Trace Context) names the trace of
// the work that wrote the event, so what it causes logs under the same trace; it is never part of
// a webhook's payload.
const envelope = <Type extends string, Data extends z.ZodType>(type: Type, data: Data) =>
  z.object({ id: EventId, type: z.literal(type), version: z.literal(1), orgId: OrgId, occurredAt: Timestamp, data, traceparent: z.string().max(64).optional() });

/**
 * What the operational events of webhook delivery say about one message: the endpoint it goes to,
 * the event it carries, how many attempts it has had and the last one's status (null: no answer).
 */
const messageAttemptRef = {
  messageId: WebhookMessageId,
  endpointId: WebhookEndpointId,
  eventId: EventId,
  eventType: z.string(),
  attempts: z.number().int().min(1),
  lastStatus: z.number().int().nullable(),
};

const submissionRef = { submissionId: SubmissionId, claimId: ClaimId, opportunityId: OpportunityId, taskId: z.string(), userId: UserId };

export const DomainEvent = z.discriminatedUnion("type", [
  envelope("opportunity.published.v1", z.object({ opportunityId: OpportunityId })),
  envelope("opportunity.paused.v1", z.object({ opportunityId: OpportunityId })),
  envelope("opportunity.resumed.v1", z.object({ opportunityId: OpportunityId })),
  envelope("opportunity.completed.v1", z.object({ opportunityId: OpportunityId, reason: CompletionReason })),
  envelope("opportunity.archived.v1", z.object({ opportunityId: OpportunityId })),
  envelope("claim.created.v1", z.object({ claimId: ClaimId, opportunityId: OpportunityId, userId: UserId })),
  envelope(
    "claim.completed.v1",
    z.object({ claimId: ClaimId, opportunityId: OpportunityId, userId: UserId, completedAt: Timestamp }),
  ),
  envelope(
    "claim.withdrawn.v1",
    z.object({ claimId: ClaimId, opportunityId: OpportunityId, userId: UserId, withdrawnAt: Timestamp }),
  ),
  envelope(
    "claim.expired.v1",
    z.object({ claimId: ClaimId, opportunityId: OpportunityId, userId: UserId, deadline: Timestamp, expiredAt: Timestamp }),
  ),
  envelope(
    "claim.rejected.v1",
    z.object({ claimId: ClaimId, opportunityId: OpportunityId, userId: UserId, taskId: z.string(), rejectedAt: Timestamp }),
  ),
  envelope("submission.created.v1", z.object({ ...submissionRef, attempt: z.number().int(), status: z.enum(["approved", "rejected", "needs_review"]) })),
  envelope("submission.approved.v1", z.object({ ...submissionRef, attempt: z.number().int(), decidedBy: DecidedBy })),
  envelope(
    "submission.rejected.v1",
    z.object({ ...submissionRef, attempt: z.number().int(), decidedBy: DecidedBy, reasonCode: RejectionReason, attemptsLeft: z.number().int() }),
  ),
  envelope(
    "reward.issued.v1",
    z.object({
      rewardId: RewardId,
      claimId: ClaimId,
      userId: UserId,
      type: RewardType,
      value: z.number().int(),
      currency: z.string().nullable(),
    }),
  ),
  envelope(
    "reward.failed.v1",
    z.object({ rewardId: RewardId, claimId: ClaimId, userId: UserId, type: RewardType, reason: RewardFailureReason }),
  ),
  envelope(
    "payout.paid.v1",
    z.object({ payoutId: PayoutId, rewardId: RewardId, claimId: ClaimId, userId: UserId, amount: z.number().int(), currency: z.string(), paidAt: Timestamp }),
  ),
  envelope("payout.failed.v1", z.object({ payoutId: PayoutId, rewardId: RewardId, claimId: ClaimId, userId: UserId, reason: PayoutFailureReason })),
  envelope("voucher_pool.low.v1", z.object({ poolId: VoucherPoolId, available: z.number().int(), lowStockThreshold: z.number().int() })),
  envelope("voucher_pool.restocked.v1", z.object({ poolId: VoucherPoolId, added: z.number().int(), available: z.number().int() })),
  // Operational events of webhook delivery (domain/webhooks/operational-events.ts): sent to the
  // organization's endpoints subscribed to them, never to the endpoint they are about.
  envelope("message.attempt.failing.v1", z.object(messageAttemptRef)),
  envelope("message.attempt.exhausted.v1", z.object(messageAttemptRef)),
  envelope("message.attempt.recovered.v1", z.object(messageAttemptRef)),
  envelope(
    "endpoint.disabled.v1",
    z.object({ endpointId: WebhookEndpointId, reason: z.enum(["gone", "failing"]), failingSince: Timestamp.nullable() }),
  ),
  envelope(
    "points.adjusted.v1",
    z.object({ entryId: z.string(), userId: UserId, points: z.number().int(), balanceAfter: z.number().int(), reason: z.string(), adjustedBy: UserId }),
  ),
  envelope(
    "points.redeemed.v1",
    z.object({ redemptionId: RedemptionId, offerId: RedemptionOfferId, userId: UserId, points: z.number().int(), poolId: VoucherPoolId }),
  ),
  envelope(
    "points.expired.v1",
    z.object({ entryId: z.string(), userId: UserId, points: z.number().int(), balanceAfter: z.number().int(), earnEntryId: z.string() }),
  ),
  // Told to each organization the participant had a claim with: forget what you keep about them.
  envelope("user.erased.v1", z.object({ userId: UserId, erasedAt: Timestamp })),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type EventType = DomainEvent["type"];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/**
 * The body of a webhook message: what an API client receives and verifies. Versioned with the
 * event it carries (`type` ends in `.v1`), so a receiver can parse exactly the versions it knows.
 */
export const WebhookPayload = z
  .object({
    type: z.string(),
    timestamp: Timestamp,
    data: z.looseObject({ id: EventId, version: z.literal(1), orgId: OrgId }),
  })
  .meta({ id: "WebhookPayload" });
export type WebhookPayload = z.infer<typeof WebhookPayload>;

export function webhookPayloadOf(event: DomainEvent): WebhookPayload {
  return { type: event.type, timestamp: event.occurredAt, data: { id: event.id, version: event.version, orgId: event.orgId, ...event.data } };
}
