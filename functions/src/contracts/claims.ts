import { z } from "zod";
import { ClaimId, MediaId, OpportunityId, OrgId, PageQuery, SubmissionId, Timestamp, UserId, page } from "./common.js";
import { defineRoute } from "./route.js";

/**
 * `active` while its work goes on; `completed` once every required task is approved; `withdrawn`
 * by its participant; `expired` when still active at its deadline; `rejected` once a required
 * task's last attempt was rejected, so it can never complete. Only a completed claim keeps its place.
 */
export const ClaimStatus = z.enum(["active", "completed", "withdrawn", "expired", "rejected"]);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const ClaimIn = z.strictObject({ opportunityId: OpportunityId }).meta({ id: "ClaimIn" });
export type ClaimIn = z.infer<typeof ClaimIn>;

export const ClaimOut = z
  .object({
    id: ClaimId,
    opportunityId: OpportunityId,
    orgId: OrgId,
    userId: UserId,
    /** Which of the participant's claims of this opportunity it is: 1 for the first; more where the opportunity may be claimed again. */
    sequence: z.number().int().min(1),
    status: ClaimStatus,
    /** Which tasks are done (approved), so a client can show the next one after a reload. */
    progress: z.object({ completedTasks: z.number().int(), totalTasks: z.number().int(), completedTaskIds: z.array(z.string()) }),
    deadline: Timestamp,
    createdAt: Timestamp,
    completedAt: Timestamp.nullable(),
    withdrawnAt: Timestamp.nullable(),
    /** When the claim expired: it was still active at its deadline, and its place went back. */
    expiredAt: Timestamp.nullable(),
    rejectedAt: Timestamp.nullable(),
  })
  .meta({ id: "Claim" });
export type ClaimOut = z.infer<typeof ClaimOut>;

/** An answer per question id: text, a number, a choice value, or several choice values. */
export const SurveyAnswers = z.record(
  z.string().max(40),
  z.union([z.string().max(10_000), z.number(), z.array(z.string().max(64)).max(50)]),
);

/** What a participant gives for a social task: the URL of what they posted, and/or its text. */
export const SocialProof = z.strictObject({ url: z.string().max(2_000).optional(), text: z.string().max(5_000).optional() });
export type SocialProof = z.infer<typeof SocialProof>;

/** The work of one task: survey answers for a survey task, or a proof for a social task; exactly one. */
export const SubmissionIn = z
  .strictObject({
    taskId: z.string().min(1).max(40),
    answers: SurveyAnswers.optional(),
    proof: SocialProof.optional(),
    /** An upload task's files: the media ids its uploads were signed for (POST /v1/claims/{claimId}/uploads), once stored. */
    media: z.array(MediaId).min(1).max(20).optional(),
  })
  .refine((input) => [input.answers, input.proof, input.media].filter((work) => work !== undefined).length === 1, {
    message: "send answers (a survey task), proof (a social task) or media (an upload task)",
    path: ["answers"],
  })
  .meta({ id: "SubmissionIn" });
export type SubmissionIn = z.infer<typeof SubmissionIn>;

/**
 * Checks decide a submission when it is stored, or leave it `needs_review` for a reviewer, as the
 * opportunity's review policy says; a reviewer's decision (or auto-approval) ends the wait.
 */
export const SubmissionStatus = z.enum(["approved", "rejected", "needs_review"]);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/**
 * One automatic check of a submission. `conclusive: false` marks what no check could confirm (a
 * follow, a like): it does not fail the work, it sends it to a reviewer.
 */
export const VerificationCheck = z.object({
  name: z.string(),
  passed: z.boolean(),
  conclusive: z.boolean().default(true),
  /** What was measured, where the check measures (a picture's sharpness, a hash distance), against the threshold the reason names. */
  score: z.number().optional(),
  reason: z.string().optional(),
});

/** Why work was rejected: `failed_checks` when automatic checks rejected it, a reviewer's reason otherwise. */
export const RejectionReason = z.enum(["failed_checks", "incomplete", "low_quality", "off_target", "duplicate", "suspected_fraud", "guidelines_violation", "other"]);
export type RejectionReason = z.infer<typeof RejectionReason>;
/** The reasons a reviewer picks from. */
export const ReviewerRejectionReason = RejectionReason.exclude(["failed_checks"]);

/** Who decided: the automatic checks, a reviewer, or auto-approval once the opportunity's review window passed. */
export const DecidedBy = z.enum(["checks", "reviewer", "auto_approval"]);

/** The decision on a submission as its participant sees it: what and why, never who. */
export const ReviewOut = z.object({
  decision: z.enum(["approved", "rejected"]),
  reasonCode: RejectionReason.nullable(),
  note: z.string().nullable(),
  decidedBy: DecidedBy,
  decidedAt: Timestamp,
});

export const SubmissionOut = z
  .object({
    id: SubmissionId,
    claimId: ClaimId,
    opportunityId: OpportunityId,
    taskId: z.string(),
    /** 1 for the first submission of the task in this claim; a rejected task may be submitted again up to the opportunity's `maxAttempts`. */
    attempt: z.number().int().min(1),
    status: SubmissionStatus,
    verification: z.object({ checks: z.array(VerificationCheck) }),
    /** An upload task's files (GET /v1/claims/{claimId}/media shows them); empty for other tasks. */
    media: z.array(MediaId).default([]),
    review: ReviewOut.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "Submission" });
export type SubmissionOut = z.infer<typeof SubmissionOut>;

const ByClaim = z.strictObject({ claimId: ClaimId });

export const ListClaimsQuery = PageQuery.extend({
  status: ClaimStatus.optional(),
  opportunityId: OpportunityId.optional(),
  sort: z.enum(["createdAt", "-createdAt"]).default("-createdAt"),
});

/** The submissions of a claim come oldest first: the order the participant worked in. */
export const ListClaimSubmissionsQuery = PageQuery;

export const claimRoutes = {
  createClaim: defineRoute({
    operationId: "createClaim",
    method: "POST",
    path: "/v1/claims",
    summary:
      "Claim an active opportunity, never beyond its capacity. A participant holds one claim of an opportunity at a time (already_claimed naming it), makes at most its maxClaimsPerUser (claim_limit_reached), and waits its claimCooldownMinutes after a claim ends before the next (claim_cooldown with retryAt). A retry with the Idempotency-Key that created a claim answers 201 with that claim, as the first answer did",
    tag: "Claims",
    auth: { kind: "user" },
    body: ClaimIn,
    // One id: a kilobyte is plenty.
    bodyLimitBytes: 1024,
    response: { status: 201, schema: ClaimOut },
  }),
  listClaims: defineRoute({
    operationId: "listClaims",
    method: "GET",
    path: "/v1/claims",
    summary: "List the caller's own claims",
    tag: "Claims",
    auth: { kind: "user" },
    query: ListClaimsQuery,
    response: { status: 200, schema: page(ClaimOut) },
  }),
  getClaim: defineRoute({
    operationId: "getClaim",
    method: "GET",
    path: "/v1/claims/{claimId}",
    summary: "Get one of the caller's claims",
    tag: "Claims",
    auth: { kind: "user" },
    params: ByClaim,
    response: { status: 200, schema: ClaimOut },
  }),
  withdrawClaim: defineRoute({
    operationId: "withdrawClaim",
    method: "POST",
    path: "/v1/claims/{claimId}/withdraw",
    summary: "Withdraw one of the caller's active claims: its place goes back to the opportunity. A claim that is completed or withdrawn already answers 409 invalid_state",
    tag: "Claims",
    auth: { kind: "user" },
    params: ByClaim,
    response: { status: 200, schema: ClaimOut },
  }),
  createSubmission: defineRoute({
    operationId: "createSubmission",
    method: "POST",
    path: "/v1/claims/{claimId}/submissions",
    summary:
      "Submit the work of one task of a claim. Its checks run at once and decide it, or leave it needs_review, as the opportunity's review policy says. A task approved or awaiting review takes no new submission, nor one beyond maxAttempts (409 invalid_state); the rejection of a task's last attempt rejects the claim",
    tag: "Claims",
    auth: { kind: "user" },
    params: ByClaim,
    body: SubmissionIn,
    response: { status: 201, schema: SubmissionOut },
  }),
  listClaimSubmissions: defineRoute({
    operationId: "listClaimSubmissions",
    method: "GET",
    path: "/v1/claims/{claimId}/submissions",
    summary:
      "List the submissions of a claim, oldest first: each task's attempts with their status and checks. For the participant who holds the claim, and for its organization (members with claims:read, or a key with that scope); to anyone else the claim does not exist",
    tag: "Claims",
    auth: { kind: "user_or_api_key", scope: "claims:read" },
    params: ByClaim,
    query: ListClaimSubmissionsQuery,
    response: { status: 200, schema: page(SubmissionOut) },
  }),
} as const;
