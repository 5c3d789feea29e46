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
