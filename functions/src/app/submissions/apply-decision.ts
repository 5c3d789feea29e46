import { rejectsClaim, type Submission } from "../../domain/claims/submission.js";
import type { Opportunity } from "../../domain/opportunities/opportunity.js";
import { countApproval, rejectClaimOf, type ClaimOutcomeDeps } from "../claims/claim-outcomes.js";

/**
 * What a decided submission does to its claim: an approval counts its task (the last completes
 * the claim); the rejection of a required task's last attempt rejects the claim. Safe to repeat: a retry
 * after a crash between the submission's save and the claim's finishes the claim's part.
 */
export async function applyDecisionToClaim(deps: ClaimOutcomeDeps, submission: Submission, opportunity: Pick<Opportunity, "maxAttempts" | "tasks">): Promise<void> {
  const taskRequired = opportunity.tasks.find((task) => task.id === submission.taskId)?.required ?? true;
  if (submission.status === "approved") await countApproval(deps, submission);
  else if (rejectsClaim(submission, opportunity.maxAttempts, taskRequired)) await rejectClaimOf(deps, submission);
}
