import type { OrganizationOut } from "../../contracts/organizations.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { assertOrgAccess } from "../../domain/organizations/access.js";
import { withoutMember } from "../../domain/organizations/organization.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { presentOrganization } from "./present.js";

/**
 * Owners and admins remove members; any member may leave. Their API keys stop working at once:
 * a key acts only while its creator's role grants its scopes.
 */
export async function removeMember(deps: { organizations: OrganizationRepository }, principal: Principal, orgId: string, userId: string): Promise<OrganizationOut> {
  const actorId = requireUser(principal);
  const updated = await updateAggregate(deps.organizations, orgId, (org) => {
    assertOrgAccess(principal, org, actorId === userId ? "organization:read" : "members:write");
    return { next: withoutMember(org, actorId, userId) };
  });
  if (!updated) throw new AppError("not_found", "organization not found");
  return presentOrganization(updated);
}
