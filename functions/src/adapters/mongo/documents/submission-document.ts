import type { Db } from "mongodb";
import type { Submission } from "../../../domain/claims/submission.js";

/**
 * Answers are kept as a list of {questionId, value}, not as an object keyed by question id:
 * a rejected submission is stored with whatever keys the participant sent, and such keys are
 * not safe as field names.
 */
export interface SubmissionDocument {
  _id: string;
  claimId: string;
  opportunityId: string;
  orgId: string;
  userId: string;
  taskId: string;
  answers: Array<{ questionId: string; value: Submission["answers"][string] }>;
  status: Submission["status"];
  checks: Submission["checks"];
  createdAt: Date;
}

export const submissionsCollection = (db: Db) => db.collection<SubmissionDocument>("submissions");

export function submissionToDocument(submission: Submission): SubmissionDocument {
  return {
    _id: submission.id,
    claimId: submission.claimId,
    opportunityId: submission.opportunityId,
    orgId: submission.orgId,
    userId: submission.userId,
    taskId: submission.taskId,
    answers: Object.entries(submission.answers).map(([questionId, value]) => ({ questionId, value })),
    status: submission.status,
    checks: submission.checks,
    createdAt: submission.createdAt,
  };
}
