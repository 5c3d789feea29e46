import type { ClaimIn, ClaimOut } from "../../contracts/claims.js";
import { AppError } from "../../domain/app-error.js";
import { openClaim } from "../../domain/claims/claim.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { assertClaimable } from "../../domain/opportunities/opportunity.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { isConflict } from "../shared/update-aggregate.js";
import { presentClaim } from "./present.js";

export type ClaimOpportunityDeps = DispatchDeps & {
  opportunities: OpportunityRepository;
  claims: ClaimRepository;
  ids: Ids;
  clock: Clock;
};

/**
 * Claims a place on an active opportunity. The place is taken with one guarded increment on the
 * opportunity, so a burst of concurrent claims can never oversell it; the unique claim per user
 * and opportunity gives the place back when the same user raced themself.
 */
export async function claimOpportunity(deps: ClaimOpportunityDeps, principal: Principal, input: ClaimIn): Promise<ClaimOut> {
  const userId = requireUser(principal);
  const now = deps.clock.now();
  const opportunity = await deps.opportunities.findById(input.opportunityId);
  if (!opportunity || opportunity.status === "draft") throw new AppError("not_found", "opportunity not found");
  if (await deps.claims.findByUserAndOpportunity(userId, opportunity.id)) throw alreadyClaimed();
  assertClaimable(opportunity, now);
  if (!(await deps.opportunities.reservePlace(opportunity.id, opportunity.capacity))) {
    throw new AppError("capacity_exhausted", "every place of this opportunity is taken");
  }
  const claim = openClaim(opportunity, userId, deps.ids.next("clm"), now);
  const event = domainEvent("claim.created.v1", claim.orgId, { claimId: claim.id, opportunityId: claim.opportunityId, userId }, deps.ids.next("evt"), now);
  try {
    await deps.claims.insert(claim, [event]);
  } catch (error) {
    // Only a duplicate proves nothing was written. After any other failure the claim may exist
    // (a lost acknowledgement), and giving its place back could oversell; a place kept is safer.
    if (!isConflict(error)) throw error;
    await deps.opportunities.releasePlace(opportunity.id);
    throw alreadyClaimed(error);
  }
  await dispatchEvents(deps, { aggregate: "claim", id: claim.id });
  return presentClaim(claim);
}

const alreadyClaimed = (cause?: unknown) =>
  new AppError("already_claimed", "you already hold a claim on this opportunity", undefined, cause === undefined ? undefined : { cause });
