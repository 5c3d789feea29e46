import { z } from "zod";
import { DecidedBy, RejectionReason, ReviewerRejectionReason, SocialProof, SubmissionOut, SubmissionStatus, SurveyAnswers } from "./claims.js";
import { OpportunityId, OrgId, PageQuery, SubmissionId, Timestamp, UserId, page } from "./common.js";
import { defineRoute } from "./route.js";

// The review of submissions by their organization: the queue, one decision, or many at once.

const Note = z.string().trim().max(2_000);

/** A submission as its organization reviews it: the work itself, who did it, and who decided. */
export const ReviewedSubmissionOut = SubmissionOut.extend({
  orgId: OrgId,
  userId: UserId,
  answers: SurveyAnswers,
  proof: SocialProof.nullable(),
  review: z
    .object({
      decision: z.enum(["approved", "rejected"]),
      reasonCode: RejectionReason.nullable(),
      note: z.string().nullable(),
      decidedBy: DecidedBy,
      reviewerId: UserId.nullable(),
      decidedAt: Timestamp,
    })
    .nullable(),
  /** When an undecided submission is approved by itself, if the opportunity sets `autoApproveAfterDays`. */
  autoApprovesAt: Timestamp.nullable(),
}).meta({ id: "ReviewedSubmission" });
export type ReviewedSubmissionOut = z.infer<typeof ReviewedSubmissionOut>;

export const ListSubmissionsQuery = PageQuery.extend({
  orgId: OrgId,
  status: SubmissionStatus.default("needs_review"),
  opportunityId: OpportunityId.optional(),
  taskId: z.string().min(1).max(40).optional(),
  userId: UserId.optional(),
  /** Oldest first by default: a queue is worked from its front. */
  sort: z.enum(["createdAt", "-createdAt"]).default("createdAt"),
});

export const ApproveIn = z.strictObject({ note: Note.optional() }).meta({ id: "ApproveIn" });
export const RejectIn = z.strictObject({ reasonCode: ReviewerRejectionReason, note: Note.optional() }).meta({ id: "RejectIn" });

const Decision = z.discriminatedUnion("decision", [
  z.strictObject({ submissionId: SubmissionId, decision: z.literal("approve"), note: Note.optional() }),
  z.strictObject({ submissionId: SubmissionId, decision: z.literal("reject"), reasonCode: ReviewerRejectionReason, note: Note.optional() }),
]);
export type Decision = z.infer<typeof Decision>;

export const ReviewBatchIn = z
  .strictObject({
    orgId: OrgId,
    decisions: z
      .array(Decision)
      .min(1)
      .max(100)
      .refine((decisions) => new Set(decisions.map((d) => d.submissionId)).size === decisions.length, "each submission may appear once"),
  })
  .meta({ id: "ReviewBatchIn" });
export type ReviewBatchIn = z.infer<typeof ReviewBatchIn>;

/** Each decision's own outcome, in the order sent: the submission as decided, or why it was refused. */
export const ReviewBatchOut = z
  .object({
    results: z.array(
      z.union([
        z.object({ submissionId: SubmissionId, ok: z.literal(true), submission: ReviewedSubmissionOut }),
        z.object({ submissionId: SubmissionId, ok: z.literal(false), problem: z.object({ code: z.string(), detail: z.string() }) }),
      ]),
    ),
  })
  .meta({ id: "ReviewBatchOut" });
export type ReviewBatchOut = z.infer<typeof ReviewBatchOut>;

const BySubmission = z.strictObject({ submissionId: SubmissionId });

export const submissionRoutes = {
  listSubmissions: defineRoute({
    operationId: "listSubmissions",
    method: "GET",
    path: "/v1/submissions",
    summary:
      "The organization's submissions, oldest first: by default its review queue (status needs_review); filter by opportunity, task or participant (a participant's history). Members with claims:read, or a key with that scope",
    tag: "Submissions",
    auth: { kind: "user_or_api_key", scope: "claims:read" },
    query: ListSubmissionsQuery,
    response: { status: 200, schema: page(ReviewedSubmissionOut) },
  }),
  getSubmission: defineRoute({
    operationId: "getSubmission",
    method: "GET",
    path: "/v1/submissions/{submissionId}",
    summary: "Get one of the organization's submissions with its answers, checks and review",
    tag: "Submissions",
    auth: { kind: "user_or_api_key", scope: "claims:read" },
    params: BySubmission,
    response: { status: 200, schema: ReviewedSubmissionOut },
  }),
  approveSubmission: defineRoute({
    operationId: "approveSubmission",
    audit: "submission.approved",
    method: "POST",
    path: "/v1/submissions/{submissionId}/approve",
    summary:
      "Approve a submission awaiting review: its task counts toward the claim, and the last one completes it. Approving it again answers it as it is; a submission decided otherwise, or whose claim has ended, answers 409 invalid_state",
    tag: "Submissions",
    auth: { kind: "user_or_api_key", scope: "submissions:review" },
    params: BySubmission,
    body: ApproveIn,
    response: { status: 200, schema: ReviewedSubmissionOut },
  }),
  rejectSubmission: defineRoute({
    operationId: "rejectSubmission",
    audit: "submission.rejected",
    method: "POST",
    path: "/v1/submissions/{submissionId}/reject",
    summary:
      "Reject a submission awaiting review, with a reason code and a note for the participant, who may submit the task again while attempts remain; rejecting the last attempt rejects the claim. Rejecting it again answers it as it is; a submission decided otherwise answers 409 invalid_state",
    tag: "Submissions",
    auth: { kind: "user_or_api_key", scope: "submissions:review" },
    params: BySubmission,
    body: RejectIn,
    response: { status: 200, schema: ReviewedSubmissionOut },
  }),
  reviewSubmissions: defineRoute({
    operationId: "reviewSubmissions",
    audit: "submission.batch_reviewed",
    rateClass: "expensive",
    method: "POST",
    path: "/v1/submissions/reviews",
    summary:
      "Approve or reject up to 100 of the organization's submissions at once. Each decision stands alone: the answer lists every one's outcome, a refusal (its problem code and detail) leaving the others as decided",
    tag: "Submissions",
    auth: { kind: "user_or_api_key", scope: "submissions:review" },
    body: ReviewBatchIn,
    response: { status: 200, schema: ReviewBatchOut },
  }),
} as const;
