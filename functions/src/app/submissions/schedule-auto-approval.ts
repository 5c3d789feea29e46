import type { Submission } from "../../domain/claims/submission.js";
import type { Clock } from "../../ports/clock.js";
import type { TaskQueue } from "../../ports/task-queue.js";

/**
 * Schedules the auto-approval of a submission that awaits review, when its opportunity sets a
 * review window. Called before the submission is stored: a task for a submission whose insert then
 * failed finds none and does nothing, while a stored submission whose task was never scheduled
 * would wait forever. Named after the submission, so scheduling it again makes no second task.
 */
export async function scheduleAutoApproval(deps: { tasks: TaskQueue; clock: Clock }, submission: Pick<Submission, "id" | "autoApprovesAt">): Promise<void> {
  if (!submission.autoApprovesAt) return;
  const delaySeconds = Math.max(0, Math.ceil((submission.autoApprovesAt.getTime() - deps.clock.now().getTime()) / 1_000));
  await deps.tasks.enqueue({ kind: "submission.auto_approve.v1", submissionId: submission.id }, { delaySeconds, name: `auto-approve-${submission.id}` });
}
