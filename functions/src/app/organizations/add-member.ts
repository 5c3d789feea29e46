import type { MemberIn, OrganizationOut } from "../../contracts/organizations.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { assertOrgAccess } from "../../domain/organizations/access.js";
import { withMember } from "../../domain/organizations/organization.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { presentOrganization } from "./present.js";

/** Owners and admins add members or change their roles; only an owner may make another owner. */
export async function addMember(deps: { organizations: OrganizationRepository }, principal: Principal, orgId: string, input: MemberIn): Promise<OrganizationOut> {
  const actorId = requireUser(principal);
  // Access is checked on the same read the change is decided on, so a caller demoted meanwhile is refused.
  const updated = await updateAggregate(deps.organizations, orgId, (org) => {
    assertOrgAccess(principal, org, "members:write");
    return { next: withMember(org, actorId, input.userId, input.role) };
  });
  if (!updated) throw new AppError("not_found", "organization not found");
  return presentOrganization(updated);
}
