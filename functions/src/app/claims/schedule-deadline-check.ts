import { nextDeadlineCheck } from "../../domain/claims/deadline-check.js";
import type { Claim } from "../../domain/claims/claim.js";
import { delaySecondsUntil } from "../../domain/scheduling/timed-check.js";
import type { Clock } from "../../ports/clock.js";
import type { TaskQueue } from "../../ports/task-queue.js";

/**
 * Schedules the check that expires `claim` at its deadline. Called before the claim is written: a
 * claim never lands without its task, and a task whose claim was never written finds nothing and
 * does nothing. The task is named after the claim and the check, so scheduling it again makes no
 * second task.
 */
export async function scheduleDeadlineCheck(deps: { tasks: TaskQueue; clock: Clock }, claim: Pick<Claim, "id" | "deadline">): Promise<void> {
  const now = deps.clock.now();
  const check = nextDeadlineCheck(claim.id, claim.deadline, now);
  await deps.tasks.enqueue({ kind: "claim.expire.v1", claimId: claim.id, checkAt: check.checkAt.toISOString() }, { delaySeconds: delaySecondsUntil(check.checkAt, now), name: check.taskName });
}
