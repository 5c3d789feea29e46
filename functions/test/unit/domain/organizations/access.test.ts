import { describe, expect, it } from "vitest";
import { orgRoles } from "../../../../src/contracts/route.js";
import { requireUser, type Principal } from "../../../../src/domain/identity/principal.js";
import { assertOrgAccess, isOrgInsider } from "../../../../src/domain/organizations/access.js";
import type { Organization } from "../../../../src/domain/organizations/organization.js";
import { permissions, permissionsByRole } from "../../../../src/domain/organizations/permissions.js";

const members = Object.fromEntries(orgRoles.map((role) => [role, `usr_${role.padEnd(16, "0")}`])) as Record<(typeof orgRoles)[number], string>;

const org: Organization = {
  id: "org_0000000000000001",
  name: "Acme Research",
  members: orgRoles.map((role) => ({ userId: members[role], role })),
  createdAt: new Date("2026-03-02T09:00:00.000Z"),
  version: 1,
};

const user = (userId: string, anonymous = false): Principal => ({ kind: "user", userId, anonymous, operator: false });
const stranger = user("usr_stranger00000001");
type KeyPrincipal = Extract<Principal, { kind: "api_key" }>;
const apiKey = (orgId: string, scopes: KeyPrincipal["scopes"], createdBy = members.owner): Principal => ({ kind: "api_key", keyId: "key_0000000000000001", orgId, scopes, createdBy });

describe("assertOrgAccess, for members: the permission table decides", () => {
  const cases = orgRoles.flatMap((role) => permissions.map((permission) => ({ role, permission, allowed: permissionsByRole[role].includes(permission) })));

  it.each(cases.filter((c) => c.allowed))("lets a $role $permission", ({ role, permission }) => {
    expect(() => assertOrgAccess(user(members[role]), org, permission)).not.toThrow();
  });

  it.each(cases.filter((c) => !c.allowed))("forbids a $role $permission", ({ role, permission }) => {
    expect(() => assertOrgAccess(user(members[role]), org, permission)).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("tells a stranger only that the organization was not found", () => {
    expect(() => assertOrgAccess(stranger, org, "opportunities:read")).toThrow(expect.objectContaining({ code: "not_found", message: "organization not found" }));
  });

  it("forbids a member signed in anonymously, whatever their role", () => {
    expect(() => assertOrgAccess(user(members.owner, true), org, "opportunities:read")).toThrow(expect.objectContaining({ code: "forbidden", details: { reason: "anonymous_account" } }));
  });
});

describe("assertOrgAccess, for API keys: the scope, and the creator's current role", () => {
  it("lets a key of the organization with the scope in", () => {
    expect(() => assertOrgAccess(apiKey(org.id, ["opportunities:write"]), org, "opportunities:write")).not.toThrow();
  });

  it("forbids a key without the scope", () => {
    expect(() => assertOrgAccess(apiKey(org.id, ["opportunities:read"]), org, "opportunities:write")).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("forbids a permission no key may carry, whatever its scopes", () => {
    expect(() => assertOrgAccess(apiKey(org.id, ["opportunities:write"]), org, "members:write")).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("forbids a key whose creator's role no longer grants the scope (demoted)", () => {
    expect(() => assertOrgAccess(apiKey(org.id, ["opportunities:write"], members.viewer), org, "opportunities:write")).toThrow(
      expect.objectContaining({ code: "forbidden", message: "this API key's creator no longer holds a role that allows opportunities:write" }),
    );
  });

  it("forbids a key whose creator has left the organization", () => {
    expect(() => assertOrgAccess(apiKey(org.id, ["opportunities:read"], "usr_formerMember0001"), org, "opportunities:read")).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("tells a key of another organization that this one was not found, whatever its scopes", () => {
    const foreign = apiKey("org_0000000000000002", ["opportunities:read", "opportunities:write", "claims:read", "webhooks:write"]);
    expect(() => assertOrgAccess(foreign, org, "opportunities:write")).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

describe("isOrgInsider", () => {
  it("counts members of any role and the organization's own API keys", () => {
    expect(isOrgInsider(user(members.viewer), org)).toBe(true);
    expect(isOrgInsider(apiKey(org.id, []), org)).toBe(true);
  });

  it("does not count strangers or other organizations' keys", () => {
    expect(isOrgInsider(stranger, org)).toBe(false);
    expect(isOrgInsider(apiKey("org_0000000000000002", []), org)).toBe(false);
  });
});

describe("requireUser", () => {
  it("gives a signed-in user's id, and forbids API keys and anonymous accounts", () => {
    expect(requireUser(user(members.owner))).toBe(members.owner);
    expect(() => requireUser(apiKey(org.id, ["claims:read"]))).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => requireUser(user("usr_anonymous0000001", true))).toThrow(expect.objectContaining({ code: "forbidden", details: { reason: "anonymous_account" } }));
  });
});
