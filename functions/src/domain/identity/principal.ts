import type { ApiScope, OrgRole } from "../../contracts/route.js";
import { AppError } from "../app-error.js";

/** Who is calling: a signed-in user, or an organization's API key. */
export type Principal =
  | { kind: "user"; userId: string }
  | { kind: "api_key"; keyId: string; orgId: string; scopes: readonly ApiScope[] };

export interface Membership {
  userId: string;
  role: OrgRole;
}

export interface Organization {
  id: string;
  name: string;
  members: Membership[];
  createdAt: Date;
}

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

export function requireUser(principal: Principal): string {
  if (principal.kind !== "user") throw new AppError("forbidden", "this needs a signed-in user, not an API key");
  return principal.userId;
}

const notFound = () => new AppError("not_found", "organization not found");
