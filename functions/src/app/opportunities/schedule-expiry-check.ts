import { nextExpiryCheck } from "../../domain/opportunities/expiry-check.js";
import { delaySecondsUntil } from "../../domain/scheduling/timed-check.js";
import type { Opportunity } from "../../domain/opportunities/opportunity.js";
import type { Clock } from "../../ports/clock.js";
import type { TaskQueue } from "../../ports/task-queue.js";

/**
 * Schedules the check that completes `opportunity` at its `expiresAt` (nothing when it never
 * expires). Called before the change that needs it is saved: a task scheduled for a change that
 * then loses its race finds the opportunity not live, or not expiring then, and does nothing;
 * the other way round, a save whose task could not be scheduled would never complete by itself.
 * The task is named after the check, so scheduling it again makes no second task.
 */
export async function scheduleExpiryCheck(deps: { tasks: TaskQueue; clock: Clock }, opportunity: Pick<Opportunity, "id" | "expiresAt">): Promise<void> {
  if (!opportunity.expiresAt) return;
  const now = deps.clock.now();
  const check = nextExpiryCheck(opportunity.id, opportunity.expiresAt, now);
  await deps.tasks.enqueue(
    { kind: "opportunity.expire.v1", opportunityId: opportunity.id, expiresAt: check.expiresAt.toISOString(), checkAt: check.checkAt.toISOString() },
    { delaySeconds: delaySecondsUntil(check.checkAt, now), name: check.taskName },
  );
}
