import { describe, expect, it } from "vitest";
import { requireUser, type Principal } from "../../../../src/domain/identity/principal.js";
import { assertOrgAccess, isOrgInsider } from "../../../../src/domain/organizations/access.js";
import type { Organization } from "../../../../src/domain/organizations/organization.js";

const org: Organization = {
  id: "org_0000000000000001",
  name: "Acme Research",
  members: [
    { userId: "usr_owner00000000001", role: "owner" },
    { userId: "usr_viewer0000000001", role: "viewer" },
  ],
  createdAt: new Date("2026-03-02T09:00:00.000Z"),
  version: 1,
};

const user = (userId: string): Principal => ({ kind: "user", userId });
const owner = user("usr_owner00000000001");
const viewer = user("usr_viewer0000000001");
const stranger = user("usr_stranger00000001");
const apiKey = (orgId: string, scopes: Extract<Principal, { kind: "api_key" }>["scopes"]): Principal => ({ kind: "api_key", keyId: "key_0000000000000001", orgId, scopes });

const writers: Parameters<typeof assertOrgAccess>[2] = { roles: ["owner", "admin"], scope: "opportunities:write" };

describe("assertOrgAccess", () => {
  it("lets a member with one of the roles in", () => {
    expect(() => assertOrgAccess(owner, org, writers)).not.toThrow();
  });

  it("forbids a member without one of the roles", () => {
    expect(() => assertOrgAccess(viewer, org, writers)).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("tells a stranger only that the organization was not found", () => {
    expect(() => assertOrgAccess(stranger, org, writers)).toThrow(expect.objectContaining({ code: "not_found", message: "organization not found" }));
  });

  it("lets an API key of the organization with the scope in", () => {
    expect(() => assertOrgAccess(apiKey(org.id, ["opportunities:write"]), org, writers)).not.toThrow();
  });

  it("forbids an API key of the organization without the scope", () => {
    expect(() => assertOrgAccess(apiKey(org.id, ["opportunities:read"]), org, writers)).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("forbids an API key where the access names no scope: roles alone are for people", () => {
    expect(() => assertOrgAccess(apiKey(org.id, ["opportunities:write"]), org, { roles: ["owner"] })).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("tells an API key of another organization that this one was not found, whatever its scopes", () => {
    const foreign = apiKey("org_0000000000000002", ["opportunities:read", "opportunities:write", "claims:read", "webhooks:write"]);
    expect(() => assertOrgAccess(foreign, org, writers)).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

describe("isOrgInsider", () => {
  it("counts members of any role and the organization's own API keys", () => {
    expect(isOrgInsider(viewer, org)).toBe(true);
    expect(isOrgInsider(apiKey(org.id, []), org)).toBe(true);
  });

  it("does not count strangers or other organizations' keys", () => {
    expect(isOrgInsider(stranger, org)).toBe(false);
    expect(isOrgInsider(apiKey("org_0000000000000002", []), org)).toBe(false);
  });
});

describe("requireUser", () => {
  it("gives a signed-in user's id and forbids API keys", () => {
    expect(requireUser(owner)).toBe("usr_owner00000000001");
    expect(() => requireUser(apiKey(org.id, ["claims:read"]))).toThrow(expect.objectContaining({ code: "forbidden" }));
  });
});
