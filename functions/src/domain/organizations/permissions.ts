import { apiScopes, type ApiScope, type OrgRole } from "../../contracts/route.js";

/**
 * Everything a member may do in an organization. The API scopes are the permissions a key may
 * carry; the others stay with people (managing members and keys, reading the organization,
 * adjusting participants' points by hand, reading the audit log).
 */
export const permissions = ["organization:read", "members:write", "api_keys:write", "points:adjust", "audit:read", ...apiScopes] as const;
export type Permission = (typeof permissions)[number];

/** The one table of who may do what: each role's permissions in its organization. */
export const permissionsByRole: Readonly<Record<OrgRole, readonly Permission[]>> = {
  owner: permissions,
  admin: permissions,
  developer: ["organization:read", "api_keys:write", "opportunities:read", "claims:read", "webhooks:read", "webhooks:write", "rewards:read"],
  reviewer: ["organization:read", "opportunities:read", "claims:read", "submissions:review"],
  viewer: ["organization:read", "opportunities:read", "rewards:read", "webhooks:read"],
};

export function roleGrants(role: OrgRole, permission: Permission): boolean {
  return permissionsByRole[role].includes(permission);
}

export function isApiScope(permission: Permission): permission is ApiScope {
  return (apiScopes as readonly string[]).includes(permission);
}

/** The scopes among `scopes` that `role` does not grant: a key may never carry more than its creator's role. */
export function scopesBeyondRole(role: OrgRole, scopes: readonly ApiScope[]): ApiScope[] {
  return scopes.filter((scope) => !roleGrants(role, scope));
}
