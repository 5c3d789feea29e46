import { rejectsClaim, type Submission } from "../../domain/claims/submission.js";
import { countApproval, rejectClaimOf, type ClaimOutcomeDeps } from "../claims/claim-outcomes.js";

/**
 * What a decided submission does to its claim: an approval counts its task (the last completes
 * the claim); the rejection of a task's last attempt rejects the claim. Safe to repeat: a retry
 * after a crash between the submission's save and the claim's finishes the claim's part.
 */
export async function applyDecisionToClaim(deps: ClaimOutcomeDeps, submission: Submission, maxAttempts: number): Promise<void> {
  if (submission.status === "approved") await countApproval(deps, submission);
  else if (rejectsClaim(submission, maxAttempts)) await rejectClaimOf(deps, submission);
}
