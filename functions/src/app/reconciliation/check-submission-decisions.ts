import type { Claim } from "../../domain/claims/claim.js";
import { rejectsClaim, type Submission } from "../../domain/claims/submission.js";
import type { Opportunity } from "../../domain/opportunities/opportunity.js";
import type { ReconciliationReads, TimeWindow } from "../../ports/reconciliation-reads.js";
import { applyDecisionToClaim } from "../submissions/apply-decision.js";
import type { DecideDeps } from "../submissions/decide-submission.js";
import type { Break } from "./report-break.js";

export type SubmissionDecisionsDeps = DecideDeps & { reconciliationReads: ReconciliationReads };

/**
 * Every decision on a submission reached its claim: an approved task is counted (unless the claim
 * ended otherwise first, which refuses approvals), and the rejection of a required task's last
 * attempt ended the claim. The submission is saved first and the claim after, so a crash in
 * between leaves the claim behind until a retry of the request; one that never came is repaired
 * here through the same code, which is safe to repeat.
 */
export async function checkSubmissionDecisions(deps: SubmissionDecisionsDeps, window: TimeWindow, limit: number): Promise<{ checked: number; breaks: Break[] }> {
  const submissions = await deps.reconciliationReads.submissionsDecidedIn(window, limit);
  const opportunities = new Map<string, Opportunity | null>();
  const breaks: Break[] = [];
  for (const submission of submissions) {
    const claim = await deps.claims.findById(submission.claimId);
    if (!opportunities.has(submission.opportunityId)) opportunities.set(submission.opportunityId, await deps.opportunities.findById(submission.opportunityId));
    const opportunity = opportunities.get(submission.opportunityId);
    if (!claim || !opportunity) continue;
    const missing = missingEffect(submission, claim, opportunity);
    if (!missing) continue;
    const repaired = await applyDecisionToClaim(deps, submission, opportunity).then(
      () => true,
      () => false,
    );
    breaks.push({ invariant: "decision_applied", subject: submission.id, detail: missing, repaired, fields: { claimId: claim.id, taskId: submission.taskId, status: submission.status } });
  }
  return { checked: submissions.length, breaks };
}

/** What the decision should have done to the claim and did not; null when the claim reflects it. */
function missingEffect(submission: Submission, claim: Claim, opportunity: Opportunity): string | null {
  const required = opportunity.tasks.find((task) => task.id === submission.taskId)?.required ?? true;
  if (submission.status === "approved") {
    const takesApprovals = claim.status === "active" || claim.status === "completed";
    return takesApprovals && !claim.completedTaskIds.includes(submission.taskId) ? `the approval of task ${submission.taskId} was not counted on the claim` : null;
  }
  return rejectsClaim(submission, opportunity.maxAttempts, required) && claim.status === "active"
    ? `the rejection of task ${submission.taskId}'s last attempt did not reject the claim`
    : null;
}
