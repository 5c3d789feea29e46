import { z } from "zod";
import { InvitationOut } from "../../contracts/invitations.js";
import { UserId } from "../../contracts/common.js";
import type { OrgRole } from "../../contracts/route.js";
import { firstVersion, Version } from "../aggregate.js";
import { AppError } from "../app-error.js";
import { roleOf, type Organization } from "./organization.js";

/** How long an invitation waits for its addressee. */
export const invitationLifetimeMs = 14 * 24 * 60 * 60 * 1000;

/**
 * An email address asked to join an organization as a role. `pending → accepted | revoked`, and a
 * pending one replaced by a new invitation after it expired is stored `expired`. Accepting is two
 * writes (this one, then the organization's), so `joinedAt` records that the second one landed:
 * until it has, the addressee may accept again to finish joining; after, never again.
 */
export const Invitation = InvitationOut.extend({
  createdAt: z.date(),
  expiresAt: z.date(),
  acceptedBy: UserId.nullable(),
  acceptedAt: z.date().nullable(),
  joinedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  version: Version,
});
export type Invitation = z.infer<typeof Invitation>;

export function newInvitation(fields: { id: string; orgId: string; email: string; role: OrgRole; invitedBy: string }, now: Date): Invitation {
  return {
    ...fields,
    status: "pending",
    createdAt: now,
    expiresAt: new Date(now.getTime() + invitationLifetimeMs),
    acceptedBy: null,
    acceptedAt: null,
    joinedAt: null,
    revokedAt: null,
    version: firstVersion,
  };
}

/** Only an owner may grant the owner role, by invitation as by adding a member. */
export function assertMayInvite(org: Organization, actorId: string, role: OrgRole): void {
  if (role === "owner" && roleOf(org, actorId) !== "owner") throw new AppError("forbidden", "only an owner may invite an owner");
}

export const isExpired = (invitation: Invitation, now: Date): boolean => invitation.status === "pending" && now.getTime() >= invitation.expiresAt.getTime();

/** The status as callers see it: a pending invitation past its expiry is expired. */
export const statusAt = (invitation: Invitation, now: Date): Invitation["status"] => (isExpired(invitation, now) ? "expired" : invitation.status);

/**
 * The invitation accepted by `userId`, who proved they own `verifiedEmail`. Unchanged when they
 * accepted it already (accepting twice is harmless). Anyone else's invitation is not found, so
 * ids cannot be probed for addresses.
 */
export function acceptedInvitation(invitation: Invitation, userId: string, verifiedEmail: string, now: Date): Invitation {
  if (invitation.email !== verifiedEmail) throw notFound();
  if (invitation.status === "accepted") {
    if (invitation.acceptedBy !== userId) throw notFound();
    return invitation;
  }
  if (invitation.status === "revoked") throw closed("revoked", "this invitation was revoked; ask the organization for a new one");
  if (invitation.status === "expired" || isExpired(invitation, now)) throw closed("expired", "this invitation has expired; ask the organization for a new one");
  return { ...invitation, status: "accepted", acceptedBy: userId, acceptedAt: now };
}

/** The invitation with its membership recorded as made. */
export const joinedInvitation = (invitation: Invitation, now: Date): Invitation => (invitation.joinedAt ? invitation : { ...invitation, joinedAt: now });

/** The organization with the invitation's addressee as a member; someone already a member keeps the role they hold. */
export function withInvitee(org: Organization, invitation: Invitation, userId: string): Organization {
  if (roleOf(org, userId) !== undefined) return org;
  return { ...org, members: [...org.members, { userId, role: invitation.role }] };
}

/** A pending invitation revoked; revoking twice is harmless, an accepted one stays accepted. */
export function revokedInvitation(invitation: Invitation, now: Date): Invitation {
  if (invitation.status === "revoked") return invitation;
  if (invitation.status === "accepted") throw closed("accepted", "this invitation was accepted already; remove the member instead");
  return { ...invitation, status: "revoked", revokedAt: now };
}

/** A pending invitation past its expiry, closed so that a new one may take its place. */
export function expiredInvitation(invitation: Invitation, now: Date): Invitation {
  return isExpired(invitation, now) ? { ...invitation, status: "expired" } : invitation;
}

const notFound = () => new AppError("not_found", "invitation not found");
const closed = (status: "revoked" | "expired" | "accepted", message: string) => new AppError("invalid_state", message, { reason: `invitation_${status}` });
