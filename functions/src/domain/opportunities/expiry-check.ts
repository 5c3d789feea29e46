import { isAtDueTime, nextCheckAt } from "../scheduling/timed-check.js";

export { longestTaskDelaySeconds } from "../scheduling/timed-check.js";

export interface ExpiryCheck {
  opportunityId: string;
  expiresAt: Date;
  /** When the check runs: `expiresAt` itself, or a hop before it. */
  checkAt: Date;
  /**
   * The task's name, derived from all three, so that scheduling the same check twice (a retry, a
   * lost race decided again) makes one task, and a new `expiresAt` makes a new one while the old
   * one, finding the opportunity no longer expires then, does nothing.
   */
  taskName: string;
}

/** The next check of an opportunity's expiry, seen at `now` (hops: domain/scheduling/timed-check.ts). */
export function nextExpiryCheck(opportunityId: string, expiresAt: Date, now: Date): ExpiryCheck {
  const checkAt = nextCheckAt(expiresAt, now);
  return { opportunityId, expiresAt, checkAt, taskName: `opportunity-expiry-${opportunityId}-${expiresAt.getTime()}-${checkAt.getTime()}` };
}

/** Whether a check is the last one, at the expiry itself, rather than a hop toward it. */
export const isFinalCheck = (check: Pick<ExpiryCheck, "expiresAt" | "checkAt">): boolean => isAtDueTime(check.expiresAt, check.checkAt);
