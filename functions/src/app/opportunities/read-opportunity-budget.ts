import type { BudgetOut } from "../../contracts/opportunities.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import { budgetStanding, budgetUnit } from "../../domain/opportunities/budget.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { RewardRepository } from "../../ports/reward-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";

type Deps = { organizations: OrganizationRepository; opportunities: OpportunityRepository; rewards: RewardRepository };

/**
 * Where an opportunity stands against its budget, for its organization: members whose role grants
 * opportunities:read and keys with that scope. To anyone else the opportunity does not exist.
 */
export async function getOpportunityBudget(deps: Deps, principal: Principal, opportunityId: string): Promise<BudgetOut> {
  const opportunity = await deps.opportunities.findById(opportunityId);
  if (!opportunity || opportunity.status === "deleted") throw new AppError("not_found", "opportunity not found");
  await loadOrganizationFor(deps.organizations, opportunity.orgId, principal, "opportunities:read").catch((error: unknown) => {
    throw error instanceof AppError && error.code === "not_found" ? new AppError("not_found", "opportunity not found") : error;
  });
  const spent = await deps.rewards.sumIssuedByOpportunity(opportunityId);
  return { opportunityId, unit: budgetUnit(opportunity.reward), ...budgetStanding(opportunity, spent) };
}
