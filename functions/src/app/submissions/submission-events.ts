import type { DomainEvent } from "../../contracts/events.js";
import { attemptsLeftAfter, type Submission } from "../../domain/claims/submission.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import type { Ids } from "../../ports/ids.js";

const referenceOf = (submission: Submission) => ({
  submissionId: submission.id,
  claimId: submission.claimId,
  opportunityId: submission.opportunityId,
  taskId: submission.taskId,
  userId: submission.userId,
  attempt: submission.attempt,
});

/** `submission.created.v1`, and the decision's event when its checks decided it at once. */
export function creationEvents(ids: Ids, submission: Submission, maxAttempts: number): DomainEvent[] {
  const created = domainEvent("submission.created.v1", submission.orgId, { ...referenceOf(submission), status: submission.status }, ids.next("evt"), submission.createdAt);
  return [created, ...decisionEvents(ids, submission, maxAttempts)];
}

/** `submission.approved.v1` or `submission.rejected.v1` for a decided submission; none while it awaits review. */
export function decisionEvents(ids: Ids, submission: Submission, maxAttempts: number): DomainEvent[] {
  const { review } = submission;
  if (!review) return [];
  const data = { ...referenceOf(submission), decidedBy: review.decidedBy };
  if (review.decision === "approved") return [domainEvent("submission.approved.v1", submission.orgId, data, ids.next("evt"), review.decidedAt)];
  const rejection = { ...data, reasonCode: review.reasonCode ?? "other", attemptsLeft: attemptsLeftAfter(submission, maxAttempts) };
  return [domainEvent("submission.rejected.v1", submission.orgId, rejection, ids.next("evt"), review.decidedAt)];
}
