import type { Claim } from "../../domain/claims/claim.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";

export type ReturnPlaceOutcome = "returned" | "returned_before" | "not_withdrawn";

/**
 * Gives the place of a withdrawn claim back to its opportunity, once, however many requests and
 * deliveries of `claim.withdrawn.v1` run it. A claim that is not withdrawn keeps its place.
 */
export async function returnPlaceOf(deps: { opportunities: OpportunityRepository }, claim: Pick<Claim, "id" | "opportunityId" | "status">): Promise<ReturnPlaceOutcome> {
  if (claim.status !== "withdrawn") return "not_withdrawn";
  return (await deps.opportunities.returnPlace(claim.opportunityId, claim.id)) ? "returned" : "returned_before";
}
