/**
 * Cloud Tasks schedules a task at most 30 days ahead. An expiry further away is reached by hops:
 * a check at most this far ahead, which schedules the next one.
 */
export const longestTaskDelaySeconds = 29 * 24 * 60 * 60;

const dayMs = 24 * 60 * 60 * 1_000;

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

/**
 * The next check of an opportunity's expiry, seen at `now`. A hop is placed at the start of a UTC
 * day, so that a check scheduled again within the same day (a retried handler) has the same name.
 */
export function nextExpiryCheck(opportunityId: string, expiresAt: Date, now: Date): ExpiryCheck {
  const farthest = Math.floor(now.getTime() / dayMs) * dayMs + longestTaskDelaySeconds * 1_000;
  const checkAt = expiresAt.getTime() <= farthest ? expiresAt : new Date(farthest);
  return { opportunityId, expiresAt, checkAt, taskName: `opportunity-expiry-${opportunityId}-${expiresAt.getTime()}-${checkAt.getTime()}` };
}

/** Whether a check is the last one, at the expiry itself, rather than a hop toward it. */
export const isFinalCheck = (check: Pick<ExpiryCheck, "expiresAt" | "checkAt">): boolean => check.checkAt.getTime() === check.expiresAt.getTime();
