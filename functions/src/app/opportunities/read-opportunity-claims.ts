import type { z } from "zod";
import type { ClaimOut } from "../../contracts/claims.js";
import type { ListOpportunityClaimsQuery } from "../../contracts/opportunities.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { presentClaim } from "../claims/present.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";

type Deps = { organizations: OrganizationRepository; opportunities: OpportunityRepository; claims: ClaimRepository };

/**
 * The claims of an opportunity, for its organization: members whose role grants claims:read and
 * keys with that scope. To anyone else the opportunity does not exist.
 */
export async function listOpportunityClaims(
  deps: Deps,
  principal: Principal,
  opportunityId: string,
  query: z.infer<typeof ListOpportunityClaimsQuery>,
): Promise<{ data: ClaimOut[]; nextCursor: string | null }> {
  const opportunity = await deps.opportunities.findById(opportunityId);
  if (!opportunity) throw new AppError("not_found", "opportunity not found");
  await loadOrganizationFor(deps.organizations, opportunity.orgId, principal, "claims:read").catch((error: unknown) => {
    throw error instanceof AppError && error.code === "not_found" ? new AppError("not_found", "opportunity not found") : error;
  });
  const page = decodePageRequest(query);
  const result = await deps.claims.listByOpportunity(opportunityId, query.status === undefined ? {} : { status: query.status }, page);
  return toPage(result, page.order, presentClaim);
}
