import type { ReceivedInvitationOut } from "../../contracts/invitations.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { isExpired } from "../../domain/organizations/invitation.js";
import type { Clock } from "../../ports/clock.js";
import type { InvitationRepository } from "../../ports/invitation-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { presentInvitation } from "./present.js";

/**
 * The invitations addressed to the caller's verified email, with the name of the organization
 * that sends each. None until the token proves the address: an unverified one may be anyone's.
 */
export async function listReceivedInvitations(
  deps: { organizations: OrganizationRepository; invitations: InvitationRepository; clock: Clock },
  principal: Principal,
): Promise<{ data: ReceivedInvitationOut[]; nextCursor: null }> {
  requireUser(principal);
  const email = principal.kind === "user" ? principal.verifiedEmail : undefined;
  if (email === undefined) return { data: [], nextCursor: null };
  const now = deps.clock.now();
  const open = (await deps.invitations.listOpenByEmail(email)).filter((invitation) => !isExpired(invitation, now));
  const received = await Promise.all(
    open.map(async (invitation) => {
      const org = await deps.organizations.findById(invitation.orgId);
      return org && { ...presentInvitation(invitation, now), organizationName: org.name };
    }),
  );
  return { data: received.filter((invitation) => invitation !== null), nextCursor: null };
}
