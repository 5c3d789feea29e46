import type { ListOpportunitiesQuery, OpportunityOut } from "../../contracts/opportunities.js";
import type { z } from "zod";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import { isPubliclyVisible } from "../../domain/opportunities/opportunity.js";
import { assertOrgAccess, isOrgInsider } from "../../domain/organizations/access.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { presentOpportunity } from "./present.js";

type Deps = { organizations: OrganizationRepository; opportunities: OpportunityRepository };

/** Active, paused and completed opportunities are visible to every signed-in caller; the rest only to their organization; a deleted draft to nobody. */
export async function getOpportunity(deps: Deps, principal: Principal, opportunityId: string): Promise<OpportunityOut> {
  const opportunity = await deps.opportunities.findById(opportunityId);
  if (!opportunity || opportunity.status === "deleted") throw new AppError("not_found", "opportunity not found");
  const visible = isPubliclyVisible(opportunity) && principal.kind === "user" ? true : await isInsider(deps, principal, opportunity.orgId);
  if (!visible) throw new AppError("not_found", "opportunity not found");
  return presentOpportunity(opportunity);
}

/** Without `orgId`: the active marketplace. With it: every opportunity of that organization but deleted drafts, for its members. */
export async function listOpportunities(deps: Deps, principal: Principal, query: z.infer<typeof ListOpportunitiesQuery>): Promise<{ data: OpportunityOut[]; nextCursor: string | null }> {
  const page = decodePageRequest(query);
  const orgId = query.orgId ?? (principal.kind === "api_key" ? principal.orgId : undefined);
  if (orgId !== undefined && !(await isInsider(deps, principal, orgId))) throw new AppError("not_found", "organization not found");
  const status = orgId === undefined ? "active" : query.status;
  if (orgId === undefined && query.status !== undefined && query.status !== "active") {
    throw new AppError("validation_failed", "only active opportunities are listed without orgId", { errors: [{ location: "query.status", message: "needs orgId" }] });
  }
  const result = await deps.opportunities.list(
    { ...(orgId === undefined ? {} : { orgId }), ...(status === undefined ? {} : { status }), ...(query.rewardType === undefined ? {} : { rewardType: query.rewardType }) },
    page,
  );
  return toPage(result, page.order, presentOpportunity);
}

async function isInsider(deps: Deps, principal: Principal, orgId: string): Promise<boolean> {
  const org = await deps.organizations.findById(orgId);
  if (!org || !isOrgInsider(principal, org)) return false;
  // An insider still needs the permission: a key whose creator has left reads nothing.
  assertOrgAccess(principal, org, "opportunities:read");
  return true;
}
