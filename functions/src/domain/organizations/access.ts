import type { ApiScope, OrgRole } from "../../contracts/route.js";
import { AppError } from "../app-error.js";
import type { Principal } from "../identity/principal.js";
import type { Organization } from "./organization.js";

/**
 * Allows a user who holds one of `roles` in the organization, or an API key of that organization
 * with `scope`. Anyone else learns only that the organization was not found, so ids of other
 * organizations cannot be probed.
 */
export function assertOrgAccess(principal: Principal, org: Organization, access: { roles: readonly OrgRole[]; scope?: ApiScope }): void {
  if (principal.kind === "api_key") {
    if (principal.orgId !== org.id) throw notFound();
    if (!access.scope || !principal.scopes.includes(access.scope)) {
      throw new AppError("forbidden", `this API key lacks the ${access.scope ?? "required"} scope`);
    }
    return;
  }
  const membership = org.members.find((m) => m.userId === principal.userId);
  if (!membership) throw notFound();
  if (!access.roles.includes(membership.role)) {
    throw new AppError("forbidden", `this needs one of the roles ${access.roles.join(", ")}`);
  }
}

/** Whether the principal belongs to the organization at all (any role, or its API key). */
export function isOrgInsider(principal: Principal, org: Organization): boolean {
  return principal.kind === "api_key" ? principal.orgId === org.id : org.members.some((m) => m.userId === principal.userId);
}

const notFound = () => new AppError("not_found", "organization not found");
