import type { OrganizationOut } from "../../contracts/organizations.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { acceptedInvitation, joinedInvitation, withInvitee } from "../../domain/organizations/invitation.js";
import { roleOf } from "../../domain/organizations/organization.js";
import type { Clock } from "../../ports/clock.js";
import type { InvitationRepository } from "../../ports/invitation-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { presentOrganization } from "../organizations/present.js";
import { updateAggregate } from "../shared/update-aggregate.js";

/**
 * The invited person joins. The invitation goes only to whoever proves they own its address: the
 * ID token's email must be the invited one AND verified by the provider (Firebase's email/password
 * sign-up does not verify, so an unverified address may be anyone's). Acceptance is an explicit
 * call rather than a side effect of signing in, so nobody joins an organization without seeing it.
 *
 * Two writes, no transaction: the invitation is accepted first (which closes it to revocation),
 * then the membership is made, then the invitation records that it was. A retry after a crash in
 * between finishes the join; once joined, accepting again changes nothing, so a member removed
 * since cannot come back on the same invitation.
 */
export async function acceptInvitation(
  deps: { organizations: OrganizationRepository; invitations: InvitationRepository; clock: Clock },
  principal: Principal,
  invitationId: string,
): Promise<OrganizationOut> {
  const userId = requireUser(principal);
  const email = principal.kind === "user" ? principal.verifiedEmail : undefined;
  if (email === undefined) {
    throw new AppError("forbidden", "verify your email address, then sign in again to accept invitations sent to it", { reason: "email_not_verified" });
  }
  const now = deps.clock.now();
  const accepted = await updateAggregate(deps.invitations, invitationId, (invitation) => {
    const next = acceptedInvitation(invitation, userId, email, now);
    return next === invitation ? null : { next };
  });
  if (!accepted) throw new AppError("not_found", "invitation not found");

  if (accepted.joinedAt !== null) {
    const org = await deps.organizations.findById(accepted.orgId);
    if (!org || roleOf(org, userId) === undefined) throw new AppError("invalid_state", "this invitation was used already; ask the organization for a new one", { reason: "invitation_accepted" });
    return presentOrganization(org);
  }
  const org = await updateAggregate(deps.organizations, accepted.orgId, (current) => {
    const next = withInvitee(current, accepted, userId);
    return next === current ? null : { next };
  });
  if (!org) throw new AppError("not_found", "the organization no longer exists");
  await updateAggregate(deps.invitations, accepted.id, (invitation) => {
    const next = joinedInvitation(invitation, now);
    return next === invitation ? null : { next };
  });
  return presentOrganization(org);
}

/**
 * The check a replayed acceptance passes first (see BoundRoute.authorize): its answer shows the
 * organization, so it goes back only to someone who is still a member of it.
 */
export async function requireJoined(deps: { organizations: OrganizationRepository; invitations: InvitationRepository }, principal: Principal, invitationId: string): Promise<void> {
  const userId = requireUser(principal);
  const invitation = await deps.invitations.findById(invitationId);
  const org = invitation && (await deps.organizations.findById(invitation.orgId));
  if (!org || roleOf(org, userId) === undefined) throw new AppError("not_found", "invitation not found");
}
