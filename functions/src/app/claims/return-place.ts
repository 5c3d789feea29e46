import { givesPlaceBack, type Claim } from "../../domain/claims/claim.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";

export type ReturnPlaceOutcome = "returned" | "returned_before" | "kept";

/**
 * Gives the place of a withdrawn or rejected claim back to its opportunity, once, however many
 * requests and deliveries of its event run it. Any other claim keeps its place.
 */
export async function returnPlaceOf(deps: { opportunities: OpportunityRepository }, claim: Pick<Claim, "id" | "opportunityId" | "status">): Promise<ReturnPlaceOutcome> {
  if (!givesPlaceBack(claim.status)) return "kept";
  return (await deps.opportunities.returnPlace(claim.opportunityId, claim.id)) ? "returned" : "returned_before";
}
