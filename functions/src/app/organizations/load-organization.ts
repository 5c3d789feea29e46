import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import { assertOrgAccess } from "../../domain/organizations/access.js";
import type { Organization } from "../../domain/organizations/organization.js";
import type { Permission } from "../../domain/organizations/permissions.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";

/** Loads an organization and checks the principal holds `permission` in it; strangers get not_found. */
export async function loadOrganizationFor(
  organizations: OrganizationRepository,
  orgId: string,
  principal: Principal,
  permission: Permission,
): Promise<Organization> {
  const org = await organizations.findById(orgId);
  if (!org) throw new AppError("not_found", "organization not found");
  assertOrgAccess(principal, org, permission);
  return org;
}

/**
 * The permission check alone, for routes that must check again before they replay a stored
 * answer (see BoundRoute.authorize): the caller gets it only while they still hold `permission`.
 */
export async function requirePermission(deps: { organizations: OrganizationRepository }, principal: Principal, orgId: string, permission: Permission): Promise<void> {
  await loadOrganizationFor(deps.organizations, orgId, principal, permission);
}
