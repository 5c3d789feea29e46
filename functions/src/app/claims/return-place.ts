import { gaveBackPlace, type Claim } from "../../domain/claims/claim.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import { releaseMonthlyChargeOf, type MonthlyChargeDeps } from "./monthly-charge.js";

export type ReturnPlaceOutcome = "returned" | "returned_before" | "holds_place";

/**
 * Gives the place of a withdrawn, expired or rejected claim back to its opportunity, and its charge
 * to its organization's monthly budget, once, however many requests, tasks and deliveries of its
 * event run it. A claim that is active or completed keeps both.
 */
export async function returnPlaceOf(
  deps: MonthlyChargeDeps & { opportunities: OpportunityRepository },
  claim: Pick<Claim, "id" | "opportunityId" | "status" | "monthlyCharge">,
): Promise<ReturnPlaceOutcome> {
  if (!gaveBackPlace(claim.status)) return "holds_place";
  await releaseMonthlyChargeOf(deps, claim);
  return (await deps.opportunities.returnPlace(claim.opportunityId, claim.id)) ? "returned" : "returned_before";
}
