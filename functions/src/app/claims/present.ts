import type { ClaimOut, SubmissionOut } from "../../contracts/claims.js";
import { progressOf, type Claim } from "../../domain/claims/claim.js";
import type { Review, Submission } from "../../domain/claims/submission.js";
import { wireForm } from "../shared/wire-form.js";

/**
 * Participants see their progress: how many tasks are done, and which, under `progress`. The
 * request key only serves to recognise a retry.
 */
export function presentClaim(claim: Claim): ClaimOut {
  const { completedTaskIds: _completed, totalTasks: _total, requiredTaskIds: _required, requestKey: _requestKey, monthlyCharge: _monthlyCharge, ...fields } = wireForm(claim);
  return { ...fields, progress: progressOf(claim) };
}

/**
 * Answers are not echoed back (the participant sent them; an organization reads them through its
 * own routes), and the checks are grouped under `verification`, where later verifiers add theirs.
 */
export function presentSubmission(submission: Submission): SubmissionOut {
  const { answers: _answers, proof: _proof, checks, orgId: _orgId, userId: _userId, requestKey: _requestKey, autoApprovesAt: _autoApprovesAt, review, ...fields } = wireForm(submission);
  return { ...fields, verification: { checks }, review: review && participantView(review) };
}

/** The decision as its participant sees it: what was decided and why, never by whom. */
function participantView({ reviewerId: _reviewerId, decidedAt, ...review }: Review): NonNullable<SubmissionOut["review"]> {
  return { ...review, decidedAt: decidedAt.toISOString() };
}
