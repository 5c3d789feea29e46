import { describe, expect, it } from "vitest";
import type { OrgRole } from "../../../../src/contracts/route.js";
import { foundOrganization, withMember, type Organization } from "../../../../src/domain/organizations/organization.js";

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
  ];

  it.each(cases.filter((c) => !c.refused))("lets $actor make $target $role", ({ actor, target, role, members }) => {
    expect(withMember(org, actor, target, role)).toEqual({ ...org, members });
  });

  it.each(cases.filter((c) => c.refused))("refuses $actor making $target $role: $refused", ({ actor, target, role, refused }) => {
    expect(() => withMember(org, actor, target, role)).toThrow(expect.objectContaining({ code: refused }));
  });
});
