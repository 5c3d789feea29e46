import type { InvitationIn, InvitationOut } from "../../contracts/invitations.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { assertMayInvite, expiredInvitation, isExpired, newInvitation, type Invitation } from "../../domain/organizations/invitation.js";
import { roleOf, type Organization } from "../../domain/organizations/organization.js";
import type { Clock } from "../../ports/clock.js";
import type { IdentityDirectory } from "../../ports/identity-directory.js";
import type { Ids } from "../../ports/ids.js";
import type { InvitationRepository } from "../../ports/invitation-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { UserRepository } from "../../ports/user-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { insertIfAbsent, updateAggregate } from "../shared/update-aggregate.js";
import { presentInvitation } from "./present.js";

export interface CreateInvitationDeps {
  organizations: OrganizationRepository;
  invitations: InvitationRepository;
  users: UserRepository;
  directory: IdentityDirectory;
  ids: Ids;
  clock: Clock;
}

/**
 * Owners and admins invite an email address as a role. One pending invitation per address: a
 * second one answers 409 naming the first (no email is sent yet, so there is nothing to re-send),
 * unless the first has expired, in which case the new one takes its place.
 */
export async function createInvitation(deps: CreateInvitationDeps, principal: Principal, orgId: string, input: InvitationIn): Promise<InvitationOut> {
  const actorId = requireUser(principal);
  const org = await loadOrganizationFor(deps.organizations, orgId, principal, "members:write");
  assertMayInvite(org, actorId, input.role);
  await assertNotMember(deps, org, input.email);
  const now = deps.clock.now();
  const invitation = newInvitation({ id: deps.ids.next("inv"), orgId: org.id, email: input.email, role: input.role, invitedBy: actorId }, now);
  // Each turn either inserts, refuses, or closes an expired invitation that held the address;
  // a few turns cover invitations of the same address racing each other.
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (await insertIfAbsent(deps.invitations, invitation)) return presentInvitation(invitation, now);
    const pending = await deps.invitations.findPending(org.id, input.email);
    if (pending && !isExpired(pending, now)) throw alreadyInvited(pending);
    if (pending) await closeExpired(deps.invitations, pending.id, now);
  }
  throw new AppError("conflict", "the invitation could not be stored; try again");
}

/**
 * A member's address cannot be invited. Only an account that has verified the address counts as
 * its owner: an unverified sign-up with someone's address proves nothing.
 */
async function assertNotMember(deps: CreateInvitationDeps, org: Organization, email: string): Promise<void> {
  const identityKey = await deps.directory.verifiedOwnerOf(email);
  const user = identityKey === undefined ? null : await deps.users.findByIdentity(identityKey);
  if (user && roleOf(org, user.id) !== undefined) throw new AppError("conflict", `${email} belongs to a member already`, { email, reason: "already_member" });
}

async function closeExpired(invitations: InvitationRepository, id: string, now: Date): Promise<void> {
  await updateAggregate(invitations, id, (current) => {
    const next = expiredInvitation(current, now);
    return next === current ? null : { next };
  });
}

const alreadyInvited = (pending: Invitation) =>
  new AppError("conflict", `${pending.email} is invited already; revoke that invitation to invite again`, { email: pending.email, invitationId: pending.id, reason: "already_invited" });
