/**
 * Cloud Tasks schedules a task at most 30 days ahead. A time further away is reached by hops:
 * a check at most this far ahead, which schedules the next one.
 */
export const longestTaskDelaySeconds = 29 * 24 * 60 * 60;

const dayMs = 24 * 60 * 60 * 1_000;

/**
 * When to check for something due at `dueAt`, seen at `now`: `dueAt` itself when Cloud Tasks can
 * schedule that far, else a hop toward it. A hop is placed at the start of a UTC day, so that a
 * check scheduled again within the same day (a retried handler) falls at the same time, and a
 * task named after it is the same task.
 */
export function nextCheckAt(dueAt: Date, now: Date): Date {
  const farthest = Math.floor(now.getTime() / dayMs) * dayMs + longestTaskDelaySeconds * 1_000;
  return dueAt.getTime() <= farthest ? dueAt : new Date(farthest);
}

/** Whether a check at `checkAt` is the last one, at `dueAt` itself, rather than a hop toward it. */
export const isAtDueTime = (dueAt: Date, checkAt: Date): boolean => checkAt.getTime() === dueAt.getTime();

/** The delay to give Cloud Tasks for a check at `checkAt`: whole seconds, never negative. */
export const delaySecondsUntil = (checkAt: Date, now: Date): number => Math.max(0, Math.ceil((checkAt.getTime() - now.getTime()) / 1_000));
