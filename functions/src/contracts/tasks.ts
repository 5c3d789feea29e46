import { z } from "zod";
import { ClaimId, OpportunityId, SubmissionId, Timestamp, UserId, WebhookEndpointId, WebhookMessageId } from "./common.js";
import { PayoutId } from "./payouts.js";

// Payloads of Cloud Tasks, tagged by kind and versioned like events.

/** Relay the events waiting in one aggregate's outbox. */
export const RelayOutboxTask = z.object({
  kind: z.literal("outbox.relay.v1"),
  aggregate: z.enum(["opportunity", "claim", "submission", "reward", "voucherPool", "points_entry", "payout", "redemption", "user"]),
  id: z.string().min(1),
});

/**
 * Make one delivery attempt of a webhook message: its `attempt`-th scheduled one, so that a task
 * for an attempt already made (a duplicate, or one redriven meanwhile) makes none. Absent on
 * tasks enqueued before it existed: whichever attempt is next.
 */
export const DeliverWebhookTask = z.object({
  kind: z.literal("webhook.deliver.v1"),
  messageId: WebhookMessageId,
  attempt: z.number().int().min(1).optional(),
  /**
   * A manual attempt instead of a scheduled one: a resend (sent even to a delivered message), or
   * part of a recovery (`onlyIfUndelivered`: a message delivered meanwhile is not sent again).
   * Its id makes it once: a task run again finds the attempt made.
   */
  manual: z.object({ id: z.string().regex(/^(rsd|rcv)_[0-9A-Za-z]{8,32}$/), onlyIfUndelivered: z.boolean() }).optional(),
});

/** Resend every message to an endpoint that failed (exhausted its schedule) since `since`, as manual attempts named after the recovery. */
export const RecoverWebhookMessagesTask = z.object({
  kind: z.literal("webhook.recover.v1"),
  endpointId: WebhookEndpointId,
  since: Timestamp,
  recoveryId: z.string().regex(/^rcv_[0-9A-Za-z]{8,32}$/),
});

/**
 * Send an endpoint the events of its organization in [since, until) it has no message for and
 * that its event types take now; each gets the message fan-out would have made (same id), so a
 * replay run again, or asked twice, sends nothing twice.
 */
export const ReplayMissingWebhookMessagesTask = z.object({
  kind: z.literal("webhook.replay.v1"),
  endpointId: WebhookEndpointId,
  since: Timestamp,
  until: Timestamp,
  replayId: z.string().regex(/^rpl_[0-9A-Za-z]{8,32}$/),
});

/**
 * Check, at `checkAt`, whether an opportunity has reached the `expiresAt` it was scheduled for,
 * and complete it if it is still live. `checkAt` is `expiresAt` itself, or an earlier hop when the
 * expiry is further ahead than Cloud Tasks schedules (domain/opportunities/expiry-check.ts).
 */
export const ExpireOpportunityTask = z.object({ kind: z.literal("opportunity.expire.v1"), opportunityId: OpportunityId, expiresAt: Timestamp, checkAt: Timestamp });

/** Approve a submission still awaiting review once its opportunity's review window (`autoApproveAfterDays`) has passed. */
export const AutoApproveSubmissionTask = z.object({ kind: z.literal("submission.auto_approve.v1"), submissionId: SubmissionId });

/**
 * Check, at `checkAt`, whether a claim has reached its deadline, and expire it if it is still
 * active. `checkAt` is the deadline, or an earlier hop when it is further ahead than Cloud Tasks
 * schedules (domain/claims/deadline-check.ts). A claim's deadline never moves.
 */
export const ExpireClaimTask = z.object({ kind: z.literal("claim.expire.v1"), claimId: ClaimId, checkAt: Timestamp });

/** Send a payout to the payouts provider; retried with backoff while the provider is unavailable (the reward id keeps it from paying twice). */
export const SendPayoutTask = z.object({ kind: z.literal("payout.send.v1"), payoutId: PayoutId });

/** Erase a user whose grace period has ended, unless they cancelled the erasure (app/identity/erasure.ts). */
export const EraseUserTask = z.object({ kind: z.literal("user.erase.v1"), userId: UserId });

export const TaskPayload = z.discriminatedUnion("kind", [
  RelayOutboxTask,
  DeliverWebhookTask,
  RecoverWebhookMessagesTask,
  ReplayMissingWebhookMessagesTask,
  ExpireOpportunityTask,
  ExpireClaimTask,
  AutoApproveSubmissionTask,
  SendPayoutTask,
  EraseUserTask,
]);
export type TaskPayload = z.infer<typeof TaskPayload>;
