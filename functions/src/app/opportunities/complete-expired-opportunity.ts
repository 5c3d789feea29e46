import type { z } from "zod";
import type { ExpireOpportunityTask } from "../../contracts/tasks.js";
import { AppError } from "../../domain/app-error.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { isFinalCheck } from "../../domain/opportunities/expiry-check.js";
import { canTransition } from "../../domain/opportunities/lifecycle.js";
import { transitioned } from "../../domain/opportunities/opportunity.js";
import { dispatchEvents } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import type { ChangeOpportunityStatusDeps } from "./change-opportunity-status.js";
import { scheduleExpiryCheck } from "./schedule-expiry-check.js";

export type ExpiryOutcome = "completed" | "not_live" | "stale" | "rescheduled" | "gone";

/**
 * The expiry check a task runs: completes the opportunity (`opportunity.completed.v1`, reason
 * `expired`) only if it is still active or paused and still expires at the time the task was
 * scheduled for, and that time has come. A task for an `expiresAt` since moved is stale and does
 * nothing; a hop toward an expiry further than Cloud Tasks schedules schedules the next check.
 * Running it twice completes the opportunity once.
 */
export async function completeExpiredOpportunity(deps: ChangeOpportunityStatusDeps, task: z.infer<typeof ExpireOpportunityTask>): Promise<ExpiryOutcome> {
  const expiresAt = new Date(task.expiresAt);
  const check = { expiresAt, checkAt: new Date(task.checkAt) };
  let outcome = "gone" as ExpiryOutcome;
  const nothingToDo = (why: ExpiryOutcome) => {
    outcome = why;
    return null;
  };
  const saved = await updateAggregate(deps.opportunities, task.opportunityId, async (current) => {
    const now = deps.clock.now();
    if (!canTransition(current.status, "complete")) return nothingToDo("not_live");
    if (current.expiresAt?.getTime() !== expiresAt.getTime()) return nothingToDo("stale");
    if (now < expiresAt) {
      // The last check ran a moment early (clocks differ): thrown as transient, Cloud Tasks runs it again shortly.
      if (isFinalCheck(check)) throw new AppError("unavailable", "the opportunity has not expired yet");
      await scheduleExpiryCheck(deps, current);
      return nothingToDo("rescheduled");
    }
    const next = transitioned(current, "complete", now, "expired");
    outcome = "completed";
    return { next, events: [domainEvent("opportunity.completed.v1", next.orgId, { opportunityId: next.id, reason: "expired" }, deps.ids.next("evt"), now)] };
  });
  if (saved && outcome === "completed") await dispatchEvents(deps, { aggregate: "opportunity", id: task.opportunityId });
  return outcome;
}
