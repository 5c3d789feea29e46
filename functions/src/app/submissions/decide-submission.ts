import { AppError } from "../../domain/app-error.js";
import { decided, hasDecision, type Decision, type Submission } from "../../domain/claims/submission.js";
import type { Opportunity } from "../../domain/opportunities/opportunity.js";
import type { SubmissionRepository } from "../../ports/submission-repository.js";
import { isPastDeadline } from "../../domain/claims/claim.js";
import type { ClaimOutcomeDeps } from "../claims/claim-outcomes.js";
import { expireClaim } from "../claims/expire-claim.js";
import { describe, dispatchEvents } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { applyDecisionToClaim } from "./apply-decision.js";
import { decisionEvents } from "./submission-events.js";

export type DecideDeps = ClaimOutcomeDeps & { submissions: SubmissionRepository };

/**
 * Decides a submission awaiting review (`submission.approved|rejected.v1`), then applies the
 * decision to its claim. The submission's versioned save is where two decisions race: one wins,
 * and the other answers `invalid_state` unless it is the same decision, which is answered as it
 * stands (and finishes the claim's part, should a crash have stopped it). Work of a claim that
 * has ended is not approved; it may still be rejected, which takes it off the queue.
 */
export async function decideSubmission(deps: DecideDeps, submission: Submission, decision: Decision): Promise<Submission> {
  const opportunity = await deps.opportunities.findById(submission.opportunityId);
  if (!opportunity) throw new AppError("not_found", "submission not found");
  if (decision.decision === "approved" && !hasDecision(submission, "approved")) await assertClaimTakesApproval(deps, submission);
  const saved = await updateAggregate(deps.submissions, submission.id, (current) => {
    if (hasDecision(current, decision.decision)) return null;
    const next = decided(current, decision, deps.clock.now());
    return { next, events: decisionEvents(deps.ids, next, opportunity.maxAttempts) };
  });
  if (!saved) throw new AppError("not_found", "submission not found");
  await applyToClaim(deps, saved, opportunity);
  await dispatchEvents(deps, { aggregate: "submission", id: saved.id });
  await expireIfTimeIsUp(deps, saved.claimId);
  return saved;
}

/**
 * A claim whose deadline passed while its work awaited review was kept running for the decision;
 * once nothing awaits review and it is still unfinished, it expires now, as its deadline check would have.
 */
async function expireIfTimeIsUp(deps: DecideDeps, claimId: string): Promise<void> {
  const claim = await deps.claims.findById(claimId);
  if (claim?.status !== "active" || !isPastDeadline(claim, deps.clock.now())) return;
  await expireClaim(deps, { claimId, checkAt: claim.deadline });
}

async function assertClaimTakesApproval(deps: DecideDeps, submission: Submission): Promise<void> {
  const claim = await deps.claims.findById(submission.claimId);
  if (!claim) throw new AppError("not_found", "submission not found");
  // A completed claim still counts optional work approved after it completed.
  if (claim.status !== "active" && claim.status !== "completed" && !claim.completedTaskIds.includes(submission.taskId)) {
    throw new AppError("invalid_state", `the claim of this submission is ${claim.status}; its work can no longer be approved`, { claimStatus: claim.status });
  }
}

/**
 * The claim's part of the decision. A claim that ended between the check above and the
 * approval's save (withdrawn that very moment) takes no approval: the approval stands on the
 * submission, and the claim stays as it ended.
 */
async function applyToClaim(deps: DecideDeps, submission: Submission, opportunity: Opportunity): Promise<void> {
  try {
    await applyDecisionToClaim(deps, submission, opportunity);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "invalid_state")) throw error;
    deps.logger.warn("submissions.approval.claim_ended", { submissionId: submission.id, claimId: submission.claimId, cause: describe(error) });
  }
}
