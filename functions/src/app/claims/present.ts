import type { ClaimOut, SubmissionOut } from "../../contracts/claims.js";
import { progressOf, type Claim } from "../../domain/claims/claim.js";
import type { Submission } from "../../domain/claims/submission.js";

export const presentClaim = (c: Claim): ClaimOut => ({
  id: c.id,
  opportunityId: c.opportunityId,
  orgId: c.orgId,
  userId: c.userId,
  status: c.status,
  progress: progressOf(c),
  deadline: c.deadline.toISOString(),
  createdAt: c.createdAt.toISOString(),
  completedAt: c.completedAt?.toISOString() ?? null,
});

export const presentSubmission = (s: Submission): SubmissionOut => ({
  id: s.id,
  claimId: s.claimId,
  opportunityId: s.opportunityId,
  taskId: s.taskId,
  status: s.status,
  verification: { checks: s.checks },
  createdAt: s.createdAt.toISOString(),
});
