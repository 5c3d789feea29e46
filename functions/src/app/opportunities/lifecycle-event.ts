import type { DomainEvent } from "../../contracts/events.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import type { OpportunityTransition } from "../../domain/opportunities/lifecycle.js";
import type { Opportunity } from "../../domain/opportunities/opportunity.js";

/**
 * The event that announces a move of `opportunity` (as it is after the move); none for deleting a
 * draft, which was never announced. The completion carries its reason.
 */
export function lifecycleEvent(opportunity: Opportunity, transition: OpportunityTransition, eventId: string, now: Date): DomainEvent | null {
  const { orgId, id: opportunityId } = opportunity;
  switch (transition) {
    case "publish":
      return domainEvent("opportunity.published.v1", orgId, { opportunityId }, eventId, now);
    case "pause":
      return domainEvent("opportunity.paused.v1", orgId, { opportunityId }, eventId, now);
    case "resume":
      return domainEvent("opportunity.resumed.v1", orgId, { opportunityId }, eventId, now);
    case "complete":
      return domainEvent("opportunity.completed.v1", orgId, { opportunityId, reason: opportunity.completionReason ?? "manual" }, eventId, now);
    case "archive":
      return domainEvent("opportunity.archived.v1", orgId, { opportunityId }, eventId, now);
    case "delete":
      return null;
  }
}
