import { gaveBackPlace, type Claim } from "../../domain/claims/claim.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";

export type ReturnPlaceOutcome = "returned" | "returned_before" | "holds_place";

/**
 * Gives the place of a withdrawn, expired or rejected claim back to its opportunity, once, however
 * many requests, tasks and deliveries of its event run it. A claim that is active or completed
 * keeps its place.
 */
export async function returnPlaceOf(deps: { opportunities: OpportunityRepository }, claim: Pick<Claim, "id" | "opportunityId" | "status">): Promise<ReturnPlaceOutcome> {
  if (!gaveBackPlace(claim.status)) return "holds_place";
  return (await deps.opportunities.returnPlace(claim.opportunityId, claim.id)) ? "returned" : "returned_before";
}
