import type { InvitationOut } from "../../contracts/invitations.js";
import { statusAt, type Invitation } from "../../domain/organizations/invitation.js";
import { wireForm } from "../shared/wire-form.js";

/** What the API shows of an invitation: never who accepted it or when the membership landed. */
export function presentInvitation(invitation: Invitation, now: Date): InvitationOut {
  const { acceptedBy: _acceptedBy, acceptedAt: _acceptedAt, joinedAt: _joinedAt, revokedAt: _revokedAt, ...fields } = wireForm(invitation);
  return { ...fields, status: statusAt(invitation, now) };
}
