import type { OpportunityIn, OpportunityOut } from "../../contracts/opportunities.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import { draftOpportunity } from "../../domain/opportunities/opportunity.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { VoucherPoolRepository } from "../../ports/voucher-pool-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { presentOpportunity } from "./present.js";

/** A voucher reward's codes come from a pool of the organization's own. */
async function assertOwnPool(pools: VoucherPoolRepository, orgId: string, poolId: string): Promise<void> {
  const pool = await pools.findById(poolId);
  if (pool?.orgId !== orgId) {
    throw new AppError("validation_failed", "the organization has no such voucher pool", { errors: [{ location: "body.reward.poolId", message: "no such voucher pool" }] });
  }
}

/** Members whose role allows opportunities:write (or a key with that scope) create drafts for their organization. */
export async function createOpportunity(
  deps: { organizations: OrganizationRepository; opportunities: OpportunityRepository; voucherPools: VoucherPoolRepository; ids: Ids; clock: Clock },
  principal: Principal,
  input: OpportunityIn,
): Promise<OpportunityOut> {
  await loadOrganizationFor(deps.organizations, input.orgId, principal, "opportunities:write");
  if (input.reward.type === "voucher") await assertOwnPool(deps.voucherPools, input.orgId, input.reward.poolId);
  const opportunity = draftOpportunity(input, deps.ids.next("opp"), deps.clock.now());
  await deps.opportunities.insert(opportunity);
  return presentOpportunity(opportunity);
}
