import type { InvitationOut } from "../../contracts/invitations.js";
import type { Principal } from "../../domain/identity/principal.js";
import { isExpired } from "../../domain/organizations/invitation.js";
import type { Clock } from "../../ports/clock.js";
import type { InvitationRepository } from "../../ports/invitation-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { presentInvitation } from "./present.js";

/**
 * The organization's invitations still waiting, oldest first. Only those who may invite see them:
 * they are people's email addresses. Expired ones are left out; inviting the address again replaces them.
 */
export async function listInvitations(
  deps: { organizations: OrganizationRepository; invitations: InvitationRepository; clock: Clock },
  principal: Principal,
  orgId: string,
): Promise<{ data: InvitationOut[]; nextCursor: null }> {
  const org = await loadOrganizationFor(deps.organizations, orgId, principal, "members:write");
  const now = deps.clock.now();
  const pending = await deps.invitations.listPendingByOrg(org.id);
  return { data: pending.filter((invitation) => !isExpired(invitation, now)).map((invitation) => presentInvitation(invitation, now)), nextCursor: null };
}
