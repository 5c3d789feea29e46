import type { z } from "zod";
import type { ApproveIn, RejectIn, ReviewBatchIn, ReviewBatchOut, ReviewedSubmissionOut } from "../../contracts/submissions.js";
import { AppError } from "../../domain/app-error.js";
import type { Decision, Submission } from "../../domain/claims/submission.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { Permission } from "../../domain/organizations/permissions.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { decideSubmission, type DecideDeps } from "./decide-submission.js";
import { presentReviewedSubmission } from "./present.js";

export type ReviewDeps = DecideDeps & { organizations: OrganizationRepository };

/** The submission, for a caller holding `permission` in its organization; to anyone else it does not exist. */
export async function loadSubmissionFor(deps: ReviewDeps, principal: Principal, submissionId: string, permission: Permission): Promise<Submission> {
  const submission = await deps.submissions.findById(submissionId);
  if (!submission) throw new AppError("not_found", "submission not found");
  await loadOrganizationFor(deps.organizations, submission.orgId, principal, permission).catch((error: unknown) => {
    throw error instanceof AppError && error.code === "not_found" ? new AppError("not_found", "submission not found") : error;
  });
  return submission;
}

/** Who decides: the signed-in reviewer, or the member who created the API key deciding on their behalf. */
const reviewerOf = (principal: Principal): string => (principal.kind === "user" ? principal.userId : principal.createdBy);

const approval = (principal: Principal, note: string | undefined): Decision => ({ decision: "approved", note: note ?? null, decidedBy: "reviewer", reviewerId: reviewerOf(principal) });

const rejection = (principal: Principal, input: z.infer<typeof RejectIn>): Decision => ({
  decision: "rejected",
  reasonCode: input.reasonCode,
  note: input.note ?? null,
  decidedBy: "reviewer",
  reviewerId: reviewerOf(principal),
});

export async function approveSubmission(deps: ReviewDeps, principal: Principal, submissionId: string, input: z.infer<typeof ApproveIn>): Promise<ReviewedSubmissionOut> {
  const submission = await loadSubmissionFor(deps, principal, submissionId, "submissions:review");
  return presentReviewedSubmission(await decideSubmission(deps, submission, approval(principal, input.note)));
}

export async function rejectSubmission(deps: ReviewDeps, principal: Principal, submissionId: string, input: z.infer<typeof RejectIn>): Promise<ReviewedSubmissionOut> {
  const submission = await loadSubmissionFor(deps, principal, submissionId, "submissions:review");
  return presentReviewedSubmission(await decideSubmission(deps, submission, rejection(principal, input)));
}

/**
 * Many decisions of one organization, one after another, each standing alone: a decision refused
 * (not found, decided otherwise, claim ended) is reported in its place and the others go on. A
 * failure of the platform itself stops the batch; decisions are idempotent, so the retry that
 * follows re-answers those already made and carries on.
 */
export async function reviewSubmissions(deps: ReviewDeps, principal: Principal, input: ReviewBatchIn): Promise<ReviewBatchOut> {
  await loadOrganizationFor(deps.organizations, input.orgId, principal, "submissions:review");
  const results: ReviewBatchOut["results"] = [];
  for (const item of input.decisions) {
    try {
      const submission = await deps.submissions.findById(item.submissionId);
      if (!submission || submission.orgId !== input.orgId) throw new AppError("not_found", "submission not found");
      const decision = item.decision === "approve" ? approval(principal, item.note) : rejection(principal, item);
      results.push({ submissionId: item.submissionId, ok: true, submission: presentReviewedSubmission(await decideSubmission(deps, submission, decision)) });
    } catch (error) {
      if (!(error instanceof AppError) || error.code === "unavailable") throw error;
      results.push({ submissionId: item.submissionId, ok: false, problem: { code: error.code, detail: error.message } });
    }
  }
  return { results };
}
