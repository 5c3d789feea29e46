import type { ReviewedSubmissionOut } from "../../contracts/submissions.js";
import type { Submission } from "../../domain/claims/submission.js";
import { wireForm } from "../shared/wire-form.js";

/** A submission as its organization reviews it: the answers, the checks under `verification`, and who decided. */
export function presentReviewedSubmission(submission: Submission): ReviewedSubmissionOut {
  const { requestKey: _requestKey, checks, review, ...fields } = wireForm(submission);
  return { ...fields, verification: { checks }, review: review && { ...review, decidedAt: review.decidedAt.toISOString() } };
}
