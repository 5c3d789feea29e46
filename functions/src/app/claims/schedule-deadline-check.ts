import { nextDeadlineCheck } from "../../domain/claims/deadline-check.js";
import type { Claim } from "../../domain/claims/claim.js";
import { delaySecondsUntil } from "../../domain/scheduling/timed-check.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { TaskQueue } from "../../ports/task-queue.js";

/**
 * Schedules the check that expires `claim` at its deadline (or the next hop toward it). The task
 * is named after the claim and the check, so scheduling it again makes no second task.
 */
export async function scheduleDeadlineCheck(deps: { tasks: TaskQueue; clock: Clock }, claim: Pick<Claim, "id" | "deadline">): Promise<void> {
  const now = deps.clock.now();
  const check = nextDeadlineCheck(claim.id, claim.deadline, now);
  await deps.tasks.enqueue({ kind: "claim.expire.v1", claimId: claim.id, checkAt: check.checkAt.toISOString() }, { delaySeconds: delaySecondsUntil(check.checkAt, now), name: check.taskName });
}

export type DeadlineScheduling = "scheduled" | "ended" | "gone";

/**
 * Schedules the deadline check of a claim just created, run by each delivery of its
 * `claim.created.v1`. The event is written with the claim, in its outbox, so every claim gets its
 * task however a request ends, and the claim request itself never waits on Cloud Tasks. A claim
 * that has ended meanwhile needs no check.
 */
export async function scheduleDeadlineOf(deps: { claims: ClaimRepository; tasks: TaskQueue; clock: Clock }, claimId: string): Promise<DeadlineScheduling> {
  const claim = await deps.claims.findById(claimId);
  if (!claim) return "gone";
  if (claim.status !== "active") return "ended";
  await scheduleDeadlineCheck(deps, claim);
  return "scheduled";
}
