import { z } from "zod";
import { OrgId, prefixedId, Timestamp, UserId } from "./common.js";
import { OrganizationOut, OrgRole } from "./organizations.js";
import { defineRoute } from "./route.js";

export const InvitationId = prefixedId("inv");

/** An email address as invitations compare them: trimmed and lowercased, so one person is one address. */
export const InvitedEmail = z.string().max(320).trim().toLowerCase().pipe(z.email().max(254));

export const InvitationIn = z.strictObject({ email: InvitedEmail, role: OrgRole }).meta({ id: "InvitationIn" });
export type InvitationIn = z.infer<typeof InvitationIn>;

export const invitationStatuses = ["pending", "accepted", "revoked", "expired"] as const;

export const InvitationOut = z
  .object({
    id: InvitationId,
    orgId: OrgId,
    email: z.string(),
    role: OrgRole,
    /** `expired`: still pending when `expiresAt` passed; it can no longer be accepted. */
    status: z.enum(invitationStatuses),
    invitedBy: UserId,
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .meta({ id: "Invitation" });
export type InvitationOut = z.infer<typeof InvitationOut>;

/** An invitation as its addressee sees it: which organization asks them to join. */
export const ReceivedInvitationOut = InvitationOut.extend({ organizationName: z.string() }).meta({ id: "ReceivedInvitation" });
export type ReceivedInvitationOut = z.infer<typeof ReceivedInvitationOut>;

const ByOrg = z.strictObject({ orgId: OrgId });
const ByOrgInvitation = z.strictObject({ orgId: OrgId, invitationId: InvitationId });
const ByInvitation = z.strictObject({ invitationId: InvitationId });

export const invitationRoutes = {
  createInvitation: defineRoute({
    operationId: "createInvitation",
    audit: "invitation.created",
    method: "POST",
    path: "/v1/organizations/{orgId}/invitations",
    summary:
      "Invite an email address to join as a role (owners and admins; only an owner invites an owner). It waits, for 14 days, until that person signs in with the address verified and accepts. An address already invited answers 409 conflict naming the invitation; a member's address 409 conflict too. No email is sent yet: share the sign-in link with them",
    tag: "Invitations",
    auth: { kind: "user", sensitive: true },
    params: ByOrg,
    body: InvitationIn,
    response: { status: 201, schema: InvitationOut },
  }),
  listInvitations: defineRoute({
    operationId: "listInvitations",
    method: "GET",
    path: "/v1/organizations/{orgId}/invitations",
    summary: "List the organization's pending invitations, oldest first (owners and admins: they hold people's email addresses)",
    tag: "Invitations",
    auth: { kind: "user" },
    params: ByOrg,
    response: { status: 200, schema: z.object({ data: z.array(InvitationOut), nextCursor: z.null() }) },
  }),
  revokeInvitation: defineRoute({
    operationId: "revokeInvitation",
    audit: "invitation.revoked",
    method: "DELETE",
    path: "/v1/organizations/{orgId}/invitations/{invitationId}",
    summary: "Revoke a pending invitation (owners and admins); revoking twice is harmless, an accepted one answers 409 invalid_state",
    tag: "Invitations",
    auth: { kind: "user", sensitive: true },
    params: ByOrgInvitation,
    response: { status: 200, schema: InvitationOut },
  }),
  listReceivedInvitations: defineRoute({
    operationId: "listReceivedInvitations",
    method: "GET",
    path: "/v1/account/invitations",
    summary: "The pending invitations addressed to the caller's email address; empty until the token carries that address verified",
    tag: "Invitations",
    auth: { kind: "user" },
    response: { status: 200, schema: z.object({ data: z.array(ReceivedInvitationOut), nextCursor: z.null() }) },
  }),
  acceptInvitation: defineRoute({
    operationId: "acceptInvitation",
    method: "POST",
    path: "/v1/account/invitations/{invitationId}/accept",
    summary:
      "Join the organization as the invited role; needs an ID token whose email is the invited address and verified (403 email_not_verified otherwise). Accepting again is harmless; a revoked or expired invitation answers 409 invalid_state",
    tag: "Invitations",
    auth: { kind: "user", sensitive: true },
    params: ByInvitation,
    response: { status: 200, schema: OrganizationOut },
  }),
} as const;
