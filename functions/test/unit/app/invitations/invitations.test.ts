import { describe, expect, it } from "vitest";
import { acceptInvitation, requireJoined } from "../../../../src/app/invitations/accept-invitation.js";
import { createInvitation } from "../../../../src/app/invitations/create-invitation.js";
import { listInvitations } from "../../../../src/app/invitations/list-invitations.js";
import { listReceivedInvitations } from "../../../../src/app/invitations/list-received-invitations.js";
import { revokeInvitation } from "../../../../src/app/invitations/revoke-invitation.js";
import { removeMember } from "../../../../src/app/organizations/remove-member.js";
import { InvitationIn } from "../../../../src/contracts/invitations.js";
import { newUser } from "../../../../src/domain/identity/user.js";
import { invitationLifetimeMs } from "../../../../src/domain/organizations/invitation.js";
import { organizationWithEveryRole, participant } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const email = "alex@example.com";

/** The person the address belongs to, signed in with it verified (or not). */
const invitee = (deps: InMemoryDeps, address: string | null = email) => ({ ...participant(deps), ...(address === null ? {} : { verifiedEmail: address }) });

const roleIn = async (deps: InMemoryDeps, orgId: string, userId: string) => (await deps.organizations.findById(orgId))?.members.find((m) => m.userId === userId)?.role;

describe("invitations", () => {
  it("normalizes the address: trimmed and lowercased", () => {
    expect(InvitationIn.parse({ email: "  Alex@Example.COM ", role: "viewer" }).email).toBe(email);
    expect(InvitationIn.safeParse({ email: "not an address", role: "viewer" }).success).toBe(false);
  });

  it("an invited person who proves the address joins with the role; accepting again changes nothing", async () => {
    const deps = inMemoryDeps();
    const { org, admin } = await organizationWithEveryRole(deps);
    const invitation = await createInvitation(deps, admin, org.id, { email, role: "reviewer" });
    expect(invitation).toMatchObject({ orgId: org.id, email, role: "reviewer", status: "pending", invitedBy: admin.userId });
    expect(new Date(invitation.expiresAt).getTime() - new Date(invitation.createdAt).getTime()).toBe(invitationLifetimeMs);

    const person = invitee(deps);
    expect((await listReceivedInvitations(deps, person)).data).toEqual([{ ...invitation, organizationName: org.name }]);
    const joined = await acceptInvitation(deps, person, invitation.id);
    expect(joined.members).toContainEqual({ userId: person.userId, role: "reviewer" });
    const again = await acceptInvitation(deps, person, invitation.id);
    expect(again.members.filter((m) => m.userId === person.userId)).toHaveLength(1);
    expect((await listReceivedInvitations(deps, person)).data).toEqual([]);
    expect((await listInvitations(deps, admin, org.id)).data).toEqual([]);
  });

  it("gives nothing to an unverified or another address", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await organizationWithEveryRole(deps);
    const { id } = await createInvitation(deps, owner, org.id, { email, role: "admin" });

    const unverified = invitee(deps, null);
    expect((await listReceivedInvitations(deps, unverified)).data).toEqual([]);
    await expect(acceptInvitation(deps, unverified, id)).rejects.toMatchObject({ code: "forbidden", details: { reason: "email_not_verified" } });
    await expect(acceptInvitation(deps, invitee(deps, "someone@example.com"), id)).rejects.toMatchObject({ code: "not_found" });
    expect(await roleIn(deps, org.id, unverified.userId)).toBeUndefined();
    expect((await listInvitations(deps, owner, org.id)).data).toHaveLength(1);
  });

  it("refuses a revoked or expired invitation, and a removed member cannot come back on a used one", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await organizationWithEveryRole(deps);
    const person = invitee(deps);

    const revoked = await createInvitation(deps, owner, org.id, { email, role: "viewer" });
    expect((await revokeInvitation(deps, owner, org.id, revoked.id)).status).toBe("revoked");
    expect((await revokeInvitation(deps, owner, org.id, revoked.id)).status).toBe("revoked");
    await expect(acceptInvitation(deps, person, revoked.id)).rejects.toMatchObject({ code: "invalid_state", details: { reason: "invitation_revoked" } });

    const expiring = await createInvitation(deps, owner, org.id, { email, role: "viewer" });
    deps.clock.advance(invitationLifetimeMs);
    await expect(acceptInvitation(deps, person, expiring.id)).rejects.toMatchObject({ code: "invalid_state", details: { reason: "invitation_expired" } });
    expect(await roleIn(deps, org.id, person.userId)).toBeUndefined();

    // The expired one no longer holds the address: a new invitation takes its place.
    const fresh = await createInvitation(deps, owner, org.id, { email, role: "developer" });
    await acceptInvitation(deps, person, fresh.id);
    await expect(revokeInvitation(deps, owner, org.id, fresh.id)).rejects.toMatchObject({ code: "invalid_state", details: { reason: "invitation_accepted" } });
    await expect(requireJoined(deps, person, fresh.id)).resolves.toBeUndefined();
    await removeMember(deps, owner, org.id, person.userId);
    // A replayed answer would show the organization: not to someone removed since.
    await expect(requireJoined(deps, person, fresh.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(acceptInvitation(deps, person, fresh.id)).rejects.toMatchObject({ code: "invalid_state", details: { reason: "invitation_accepted" } });
    expect(await roleIn(deps, org.id, person.userId)).toBeUndefined();
  });

  it("finishes a join whose membership write was lost, on the next accept", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await organizationWithEveryRole(deps);
    const person = invitee(deps);
    const { id } = await createInvitation(deps, owner, org.id, { email, role: "viewer" });
    const stored = await deps.invitations.findById(id);
    if (!stored) throw new Error("invitation not stored");
    // As if the process had stopped after the invitation's write and before the organization's.
    await deps.invitations.save({ ...stored, status: "accepted", acceptedBy: person.userId, acceptedAt: deps.clock.now() }, stored.version);

    expect((await listReceivedInvitations(deps, person)).data.map((i) => i.status)).toEqual(["accepted"]);
    await acceptInvitation(deps, person, id);
    expect(await roleIn(deps, org.id, person.userId)).toBe("viewer");
    expect((await deps.invitations.findById(id))?.joinedAt).toEqual(deps.clock.now());
  });

  it("keeps one pending invitation per address (409 naming it) and refuses a member's address", async () => {
    const deps = inMemoryDeps();
    const { org, owner, viewer } = await organizationWithEveryRole(deps);
    const first = await createInvitation(deps, owner, org.id, { email, role: "viewer" });
    await expect(createInvitation(deps, owner, org.id, { email, role: "admin" })).rejects.toMatchObject({
      code: "conflict",
      details: { invitationId: first.id, reason: "already_invited" },
    });

    const user = newUser("firebase:viewer-uid", viewer.userId, deps.clock.now());
    await deps.users.insert(user);
    deps.directory.verify("viewer@example.com", user.identityKey);
    await expect(createInvitation(deps, owner, org.id, { email: "viewer@example.com", role: "admin" })).rejects.toMatchObject({
      code: "conflict",
      details: { reason: "already_member" },
    });
    expect((await listInvitations(deps, owner, org.id)).data.map((i) => i.id)).toEqual([first.id]);
  });

  it("of two invitations of one address at once, one is stored and the other answers 409; of an accept and a revoke at once, one wins whole", async () => {
    const deps = inMemoryDeps();
    const { org, owner, admin } = await organizationWithEveryRole(deps);
    const outcomes = await Promise.allSettled([createInvitation(deps, owner, org.id, { email, role: "viewer" }), createInvitation(deps, admin, org.id, { email, role: "admin" })]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(deps.invitations.table.all()).toHaveLength(1);

    const [stored] = deps.invitations.table.all();
    const person = invitee(deps);
    const [accepting, revoking] = await Promise.allSettled([acceptInvitation(deps, person, stored!.id), revokeInvitation(deps, owner, org.id, stored!.id)]);
    const joined = (await roleIn(deps, org.id, person.userId)) !== undefined;
    const status = (await deps.invitations.findById(stored!.id))?.status;
    expect([accepting.status, revoking.status, status]).toEqual(
      joined ? ["fulfilled", "rejected", "accepted"] : ["rejected", "fulfilled", "revoked"],
    );
  });

  it("lets owners and admins invite, only an owner invite an owner, and hides invitations from other roles", async () => {
    const deps = inMemoryDeps();
    const { org, admin, viewer, developer } = await organizationWithEveryRole(deps);
    await expect(createInvitation(deps, viewer, org.id, { email, role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createInvitation(deps, admin, org.id, { email, role: "owner" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createInvitation(deps, participant(deps), org.id, { email, role: "viewer" })).rejects.toMatchObject({ code: "not_found" });
    await expect(listInvitations(deps, developer, org.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(deps.invitations.table.all()).toEqual([]);

    const { id } = await createInvitation(deps, admin, org.id, { email, role: "viewer" });
    await expect(revokeInvitation(deps, viewer, org.id, id)).rejects.toMatchObject({ code: "forbidden" });
    const other = await organizationWithEveryRole(deps);
    await expect(revokeInvitation(deps, other.owner, other.org.id, id)).rejects.toMatchObject({ code: "not_found" });
    expect((await deps.invitations.findById(id))?.status).toBe("pending");
  });
});
