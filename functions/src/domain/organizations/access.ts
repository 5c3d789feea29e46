import { AppError } from "../app-error.js";
import type { Principal } from "../identity/principal.js";
import { roleOf, type Organization } from "./organization.js";
import { isApiScope, roleGrants, type Permission } from "./permissions.js";

/**
 * Allows a member whose role grants `permission`, or an API key of the organization that carries
 * it as a scope while its creator's current role still grants it (a demoted or removed member's
 * keys lose what the role lost). Anyone else learns only that the organization was not found, so
 * ids of other organizations cannot be probed.
 */
export function assertOrgAccess(principal: Principal, org: Organization, permission: Permission): void {
  if (principal.kind === "api_key") {
    if (principal.orgId !== org.id) throw notFound();
    if (!isApiScope(permission) || !principal.scopes.includes(permission)) {
      throw new AppError("forbidden", `this API key lacks the ${permission} scope`, { scopes: [permission] });
    }
    assertCreatorGrants(org, principal.createdBy, permission);
    return;
  }
  const role = roleOf(org, principal.userId);
  if (!role) throw notFound();
  if (principal.anonymous) throw new AppError("forbidden", "organizations need an account, not an anonymous sign-in", { reason: "anonymous_account" });
  if (!roleGrants(role, permission)) throw new AppError("forbidden", `your role (${role}) does not allow ${permission}`);
}

/** A key acts with its scopes only while the member who created it still holds a role that grants them. */
export function assertCreatorGrants(org: Organization, createdBy: string, permission: Permission): void {
  const role = roleOf(org, createdBy);
  if (!role || !roleGrants(role, permission)) {
    throw new AppError("forbidden", `this API key's creator no longer holds a role that allows ${permission}`, { scopes: [permission] });
  }
}

/** Whether the principal belongs to the organization at all (any role, or its API key). */
export function isOrgInsider(principal: Principal, org: Organization): boolean {
  return principal.kind === "api_key" ? principal.orgId === org.id : roleOf(org, principal.userId) !== undefined;
}

const notFound = () => new AppError("not_found", "organization not found");
