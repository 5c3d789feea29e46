import { isAtDueTime, nextCheckAt } from "../scheduling/timed-check.js";

export interface DeadlineCheck {
  claimId: string;
  /** When the check runs: the claim's deadline itself, or a hop before it. */
  checkAt: Date;
  /**
   * The task's name, derived from the claim and the time of the check: scheduling the same check
   * twice (a retried claim request, a handler run again) makes one task. A claim's deadline never
   * moves, so the claim id and the check's time name it.
   */
  taskName: string;
}

/** The next check of a claim's deadline, seen at `now` (hops: domain/scheduling/timed-check.ts). */
export function nextDeadlineCheck(claimId: string, deadline: Date, now: Date): DeadlineCheck {
  const checkAt = nextCheckAt(deadline, now);
  return { claimId, checkAt, taskName: `claim-deadline-${claimId}-${checkAt.getTime()}` };
}

/** Whether a check at `checkAt` is the one at the deadline itself, rather than a hop toward it. */
export const isDeadlineCheck = (deadline: Date, checkAt: Date): boolean => isAtDueTime(deadline, checkAt);
