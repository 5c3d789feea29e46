import { describe, expect, it } from "vitest";
import { acceptedInvitation, expiredInvitation, invitationLifetimeMs, newInvitation, revokedInvitation, statusAt, type Invitation } from "../../../../src/domain/organizations/invitation.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const email = "alex@example.com";
const userId = "usr_0000000000000009";

const invitation = (overrides: Partial<Invitation> = {}): Invitation => ({
  ...newInvitation({ id: "inv_0000000000000001", orgId: "org_0000000000000001", email, role: "reviewer", invitedBy: "usr_0000000000000001" }, now),
  ...overrides,
});
const accepted = invitation({ status: "accepted", acceptedBy: userId, acceptedAt: now });

describe("an invitation's transitions", () => {
  it.each([
    ["pending, accepted by its addressee", invitation(), now, { status: "accepted", acceptedBy: userId }],
    ["accepted by the same person again: unchanged", accepted, now, accepted],
    ["pending at the last moment before expiry", invitation(), later(invitationLifetimeMs - 1), { status: "accepted" }],
  ])("accept: %s", (_case, before, at, after) => {
    expect(acceptedInvitation(before, userId, email, at)).toMatchObject(after);
  });

  it.each([
    ["another address", invitation(), now, "someone@example.com", userId, { code: "not_found" }],
    ["accepted by someone else", accepted, now, email, "usr_0000000000000008", { code: "not_found" }],
    ["revoked", invitation({ status: "revoked", revokedAt: now }), now, email, userId, { code: "invalid_state", details: { reason: "invitation_revoked" } }],
    ["pending past its expiry", invitation(), later(invitationLifetimeMs), email, userId, { code: "invalid_state", details: { reason: "invitation_expired" } }],
    ["closed as expired", invitation({ status: "expired" }), now, email, userId, { code: "invalid_state", details: { reason: "invitation_expired" } }],
  ])("accept refuses: %s", (_case, before, at, address, by, problem) => {
    expect(() => acceptedInvitation(before, by, address, at)).toThrow(expect.objectContaining(problem));
  });

  it("revokes a pending one (expired or not) once, and never an accepted one", () => {
    const revoked = revokedInvitation(invitation(), now);
    expect(revoked).toMatchObject({ status: "revoked", revokedAt: now });
    expect(revokedInvitation(revoked, later(1))).toBe(revoked);
    expect(revokedInvitation(invitation(), later(invitationLifetimeMs)).status).toBe("revoked");
    expect(() => revokedInvitation(accepted, now)).toThrow(expect.objectContaining({ code: "invalid_state", details: { reason: "invitation_accepted" } }));
  });

  it("closes only a pending invitation past its expiry, and shows it expired until then", () => {
    expect(expiredInvitation(invitation(), later(invitationLifetimeMs - 1)).status).toBe("pending");
    expect(expiredInvitation(invitation(), later(invitationLifetimeMs)).status).toBe("expired");
    expect(expiredInvitation(accepted, later(invitationLifetimeMs)).status).toBe("accepted");
    expect(statusAt(invitation(), later(invitationLifetimeMs))).toBe("expired");
    expect(statusAt(accepted, later(invitationLifetimeMs))).toBe("accepted");
  });
});
