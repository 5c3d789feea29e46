import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { Opportunity } from "../../domain/opportunities/opportunity.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";

/**
 * The opportunity, once the principal is shown to hold opportunities:write in its organization.
 * A deleted draft is not found, as it would be had it been removed: its tombstone is there only
 * so that deleting takes the same versioned save as every other change.
 */
export async function authorizeOpportunityWrite(
  deps: { organizations: OrganizationRepository; opportunities: OpportunityRepository },
  principal: Principal,
  opportunityId: string,
): Promise<Opportunity> {
  const opportunity = await deps.opportunities.findById(opportunityId);
  if (!opportunity || opportunity.status === "deleted") throw opportunityNotFound();
  await loadOrganizationFor(deps.organizations, opportunity.orgId, principal, "opportunities:write");
  return opportunity;
}

export const opportunityNotFound = () => new AppError("not_found", "opportunity not found");
