import type { MemberUpdateIn, OrganizationOut } from "../../contracts/organizations.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { assertOrgAccess } from "../../domain/organizations/access.js";
import { roleOf, withMember } from "../../domain/organizations/organization.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { presentOrganization } from "./present.js";

/** Changes the role of someone who is already a member; anyone else is not found. */
export async function updateMember(deps: { organizations: OrganizationRepository }, principal: Principal, orgId: string, userId: string, input: MemberUpdateIn): Promise<OrganizationOut> {
  const actorId = requireUser(principal);
  const updated = await updateAggregate(deps.organizations, orgId, (org) => {
    assertOrgAccess(principal, org, "members:write");
    if (roleOf(org, userId) === undefined) throw new AppError("not_found", "no such member", { userId });
    return { next: withMember(org, actorId, userId, input.role) };
  });
  if (!updated) throw new AppError("not_found", "organization not found");
  return presentOrganization(updated);
}
