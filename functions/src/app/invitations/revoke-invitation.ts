import type { InvitationOut } from "../../contracts/invitations.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import { revokedInvitation } from "../../domain/organizations/invitation.js";
import type { Clock } from "../../ports/clock.js";
import type { InvitationRepository } from "../../ports/invitation-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { presentInvitation } from "./present.js";

/** Owners and admins revoke a pending invitation; it can no longer be accepted. */
export async function revokeInvitation(
  deps: { organizations: OrganizationRepository; invitations: InvitationRepository; clock: Clock },
  principal: Principal,
  orgId: string,
  invitationId: string,
): Promise<InvitationOut> {
  const org = await loadOrganizationFor(deps.organizations, orgId, principal, "members:write");
  const now = deps.clock.now();
  const revoked = await updateAggregate(deps.invitations, invitationId, (invitation) => {
    // Another organization's invitation is not found, whatever its id.
    if (invitation.orgId !== org.id) throw notFound();
    const next = revokedInvitation(invitation, now);
    return next === invitation ? null : { next };
  });
  if (!revoked) throw notFound();
  return presentInvitation(revoked, now);
}

const notFound = () => new AppError("not_found", "invitation not found");
