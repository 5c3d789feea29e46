import { describe, expect, it } from "vitest";
import type { OrgRole } from "../../../../src/contracts/route.js";
import { foundOrganization, withMember, withoutMember, type Organization } from "../../../../src/domain/organizations/organization.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const owner = "usr_owner00000000001";
const admin = "usr_admin00000000001";
const newcomer = "usr_newcomer0000001";

const org: Organization = {
  ...foundOrganization("Acme Research", owner, "org_0000000000000001", now),
  members: [
    { userId: owner, role: "owner" },
    { userId: admin, role: "admin" },
  ],
};

describe("foundOrganization", () => {
  it("makes its creator the only member, as owner", () => {
    expect(foundOrganization("Acme", owner, "org_0000000000000001", now)).toEqual({
      id: "org_0000000000000001",
      name: "Acme",
      members: [{ userId: owner, role: "owner" }],
      createdAt: now,
      version: 1,
    });
  });
});

describe("withMember", () => {
  // actor, target, role → the member list after, or the code it is refused with.
  const cases: Array<{ actor: string; target: string; role: OrgRole; members?: Organization["members"]; refused?: string }> = [
    { actor: admin, target: newcomer, role: "reviewer", members: [...org.members, { userId: newcomer, role: "reviewer" }] },
    { actor: owner, target: newcomer, role: "owner", members: [...org.members, { userId: newcomer, role: "owner" }] },
    { actor: owner, target: admin, role: "viewer", members: [{ userId: owner, role: "owner" }, { userId: admin, role: "viewer" }] },
    { actor: admin, target: admin, role: "developer", members: [{ userId: owner, role: "owner" }, { userId: admin, role: "developer" }] },
    { actor: admin, target: newcomer, role: "owner", refused: "forbidden" },
    { actor: admin, target: owner, role: "viewer", refused: "forbidden" },
    // The only owner may not step down: nobody could manage the organization after.
    { actor: owner, target: owner, role: "admin", refused: "invalid_state" },
  ];

  it.each(cases.filter((c) => !c.refused))("lets $actor make $target $role", ({ actor, target, role, members }) => {
    expect(withMember(org, actor, target, role)).toEqual({ ...org, members });
  });

  it.each(cases.filter((c) => c.refused))("refuses $actor making $target $role: $refused", ({ actor, target, role, refused }) => {
    expect(() => withMember(org, actor, target, role)).toThrow(expect.objectContaining({ code: refused }));
  });
});

describe("the last owner", () => {
  const twoOwners: Organization = { ...org, members: [...org.members, { userId: newcomer, role: "owner" }] };

  it("may step down or be removed while another owner remains", () => {
    expect(roles(withMember(twoOwners, owner, owner, "admin"))).toEqual({ [owner]: "admin", [admin]: "admin", [newcomer]: "owner" });
    expect(roles(withoutMember(twoOwners, newcomer, owner))).toEqual({ [admin]: "admin", [newcomer]: "owner" });
  });

  it("is never demoted or removed", () => {
    expect(() => withoutMember(org, owner, owner)).toThrow(expect.objectContaining({ code: "invalid_state", details: expect.objectContaining({ reason: "last_owner" }) }));
    expect(() => withMember(org, owner, owner, "viewer")).toThrow(expect.objectContaining({ code: "invalid_state" }));
  });
});

describe("withoutMember", () => {
  it("removes a member; only an owner removes an owner", () => {
    expect(roles(withoutMember(org, owner, admin))).toEqual({ [owner]: "owner" });
    expect(roles(withoutMember(org, admin, admin))).toEqual({ [owner]: "owner" });
    const twoOwners: Organization = { ...org, members: [...org.members, { userId: newcomer, role: "owner" }] };
    expect(() => withoutMember(twoOwners, admin, newcomer)).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("answers not_found for someone who is not a member", () => {
    expect(() => withoutMember(org, owner, newcomer)).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

function roles(organization: Organization): Record<string, string> {
  return Object.fromEntries(organization.members.map((m) => [m.userId, m.role]));
}
