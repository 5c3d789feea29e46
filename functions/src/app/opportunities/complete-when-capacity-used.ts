import { domainEvent } from "../../domain/events/domain-event.js";
import { canTransition } from "../../domain/opportunities/lifecycle.js";
import { isCapacityUsedUp, transitioned } from "../../domain/opportunities/opportunity.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import { dispatchEvents } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import type { ChangeOpportunityStatusDeps } from "./change-opportunity-status.js";

export type CapacityOutcome = "completed" | "not_live" | "claims_running" | "gone";

/**
 * Completes an active or paused opportunity (`opportunity.completed.v1`, reason
 * `capacity_reached`) once every place is taken and every claim on one has completed; run whenever
 * a claim completes. A withdrawn claim holds no place (its place went back), so it neither counts
 * as one nor keeps the opportunity open. Decided on the opportunity as it is saved, so of two claims ending at once the
 * opportunity completes once, and a capacity raised meanwhile keeps it open.
 */
export async function completeWhenCapacityUsed(deps: ChangeOpportunityStatusDeps & { claims: ClaimRepository }, opportunityId: string): Promise<CapacityOutcome> {
  let outcome = "gone" as CapacityOutcome;
  const saved = await updateAggregate(deps.opportunities, opportunityId, async (current) => {
    if (!canTransition(current.status, "complete")) {
      outcome = "not_live";
      return null;
    }
    if (!isCapacityUsedUp(current, await deps.claims.countCompletedByOpportunity(opportunityId))) {
      outcome = "claims_running";
      return null;
    }
    const now = deps.clock.now();
    const next = transitioned(current, "complete", now, "capacity_reached");
    outcome = "completed";
    return { next, events: [domainEvent("opportunity.completed.v1", next.orgId, { opportunityId, reason: "capacity_reached" }, deps.ids.next("evt"), now)] };
  });
  if (saved && outcome === "completed") await dispatchEvents(deps, { aggregate: "opportunity", id: opportunityId });
  return outcome;
}
