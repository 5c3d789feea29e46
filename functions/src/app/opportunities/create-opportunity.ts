import type { OpportunityIn, OpportunityOut } from "../../contracts/opportunities.js";
import type { Principal } from "../../domain/identity/principal.js";
import { draftOpportunity } from "../../domain/opportunities/opportunity.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { presentOpportunity } from "./present.js";

/** Members whose role allows opportunities:write (or a key with that scope) create drafts for their organization. */
export async function createOpportunity(
  deps: { organizations: OrganizationRepository; opportunities: OpportunityRepository; ids: Ids; clock: Clock },
  principal: Principal,
  input: OpportunityIn,
): Promise<OpportunityOut> {
  await loadOrganizationFor(deps.organizations, input.orgId, principal, "opportunities:write");
  const opportunity = draftOpportunity(input, deps.ids.next("opp"), deps.clock.now());
  await deps.opportunities.insert(opportunity);
  return presentOpportunity(opportunity);
}
