import type { OrganizationOut } from "../../contracts/organizations.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "./load-organization.js";
import { presentOrganization } from "./present.js";

/** Any member may see their organization. */
export async function getOrganization(deps: { organizations: OrganizationRepository }, principal: Principal, orgId: string): Promise<OrganizationOut> {
  return presentOrganization(await loadOrganizationFor(deps.organizations, orgId, principal, "organization:read"));
}

/** The caller's organizations, whatever their role. */
export async function listOrganizations(deps: { organizations: OrganizationRepository }, principal: Principal): Promise<{ data: OrganizationOut[]; nextCursor: null }> {
  const userId = requireUser(principal);
  return { data: (await deps.organizations.listByMember(userId)).map(presentOrganization), nextCursor: null };
}
