import { describe, expect, it } from "vitest";
import { addMember } from "../../../../src/app/organizations/add-member.js";
import type { MemberIn } from "../../../../src/contracts/organizations.js";
import { organizationWithEveryRole, participant, storedApiKey } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";

describe("addMember", () => {
  it("lets an admin add a member and change a non-owner's role", async () => {
    const deps = inMemoryDeps();
    const { org, admin, viewer } = await organizationWithEveryRole(deps);
    const newcomer = participant(deps);

    await addMember(deps, admin, org.id, { userId: newcomer.userId, role: "reviewer" });
    await addMember(deps, admin, org.id, { userId: viewer.userId, role: "developer" });

    const { members } = (await deps.organizations.findById(org.id)) ?? { members: [] };
    expect(members).toContainEqual({ userId: newcomer.userId, role: "reviewer" });
    expect(members).toContainEqual({ userId: viewer.userId, role: "developer" });
    expect(members.filter((m) => m.userId === viewer.userId)).toHaveLength(1);
  });

  it("lets only an owner make an owner or change an owner's role", async () => {
    const deps = inMemoryDeps();
    const { org, owner, admin } = await organizationWithEveryRole(deps);
    const newcomer = participant(deps);

    await expect(addMember(deps, admin, org.id, { userId: newcomer.userId, role: "owner" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(addMember(deps, admin, org.id, { userId: owner.userId, role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await deps.organizations.findById(org.id))?.members).toEqual(org.members);

    await addMember(deps, owner, org.id, { userId: newcomer.userId, role: "owner" });
    expect((await deps.organizations.findById(org.id))?.members).toContainEqual({ userId: newcomer.userId, role: "owner" });
  });

  it("forbids other roles and API keys, and hides the organization from strangers", async () => {
    const deps = inMemoryDeps();
    const { org, developer } = await organizationWithEveryRole(deps);
    const { principal: key } = await storedApiKey(deps, org.id, ["webhooks:write"]);
    const input: MemberIn = { userId: participant(deps).userId, role: "viewer" };

    await expect(addMember(deps, developer, org.id, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(addMember(deps, key, org.id, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(addMember(deps, participant(deps), org.id, input)).rejects.toMatchObject({ code: "not_found" });
    expect((await deps.organizations.findById(org.id))?.members).toEqual(org.members);
  });
});
