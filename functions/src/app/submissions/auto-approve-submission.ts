import type { z } from "zod";
import type { AutoApproveSubmissionTask } from "../../contracts/tasks.js";
import { AppError } from "../../domain/app-error.js";
import { decideSubmission, type DecideDeps } from "./decide-submission.js";

export type AutoApprovalOutcome = "approved" | "decided_already" | "claim_ended" | "gone";

/**
 * The task a review window schedules: approves the submission if it still awaits review once its
 * `autoApprovesAt` has come (`decidedBy: auto_approval`). A submission a reviewer decided, or
 * whose claim has ended, is left as it is; running it twice approves once. A task that runs a
 * moment early throws as transient, and Cloud Tasks runs it again shortly.
 */
export async function autoApproveSubmission(deps: DecideDeps, task: z.infer<typeof AutoApproveSubmissionTask>): Promise<AutoApprovalOutcome> {
  const submission = await deps.submissions.findById(task.submissionId);
  if (!submission) return "gone";
  if (submission.status !== "needs_review" || !submission.autoApprovesAt) return "decided_already";
  if (deps.clock.now() < submission.autoApprovesAt) throw new AppError("unavailable", "the submission's review window has not passed yet");
  try {
    await decideSubmission(deps, submission, { decision: "approved", note: null, decidedBy: "auto_approval", reviewerId: null });
    return "approved";
  } catch (error) {
    if (!(error instanceof AppError && error.code === "invalid_state")) throw error;
    // Decided by a reviewer meanwhile, or its claim ended: the decision is theirs.
    return (await deps.submissions.findById(task.submissionId))?.status === "needs_review" ? "claim_ended" : "decided_already";
  }
}
