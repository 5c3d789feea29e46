import type { ClaimOut } from "../../contracts/claims.js";
import { AppError } from "../../domain/app-error.js";
import { withdrawn, type Claim } from "../../domain/claims/claim.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { presentClaim } from "./present.js";
import { returnPlaceOf } from "./return-place.js";
import type { MonthlyChargeDeps } from "./monthly-charge.js";

export type WithdrawClaimDeps = DispatchDeps & MonthlyChargeDeps & {
  opportunities: OpportunityRepository;
  claims: ClaimRepository;
  ids: Ids;
  clock: Clock;
};

/**
 * Withdraws the caller's active claim (`claim.withdrawn.v1`) and gives its place back to the
 * opportunity. The claim is saved against the version read, so a withdrawal racing the approval
 * that completes the claim leaves one of them: the loser decides again and answers invalid_state.
 * The place goes back in its own guarded update, keyed on the claim, so it goes back once however
 * often this runs; a crash between the two writes is finished by the next attempt at withdrawing
 * and by the `completeOpportunities` subscriber of the event.
 */
export async function withdrawClaim(deps: WithdrawClaimDeps, principal: Principal, claimId: string): Promise<ClaimOut> {
  const userId = requireUser(principal);
  const now = deps.clock.now();
  const claim = await deps.claims.findById(claimId);
  if (!claim || claim.userId !== userId) throw new AppError("not_found", "claim not found");
  let withdrewNow = false;
  const saved = await updateAggregate(deps.claims, claimId, (current) => {
    withdrewNow = false;
    // Withdrawn by an earlier attempt: its place may not have gone back yet, and is given back below.
    if (current.status === "withdrawn") return null;
    const next = withdrawn(current, now);
    withdrewNow = true;
    return { next, events: [withdrawnEvent(deps, next, now)] };
  });
  if (!saved) throw new AppError("not_found", "claim not found");
  await returnPlaceOf(deps, saved);
  await dispatchEvents(deps, { aggregate: "claim", id: claimId });
  if (!withdrewNow) throw new AppError("invalid_state", "this claim is withdrawn", { status: saved.status });
  return presentClaim(saved);
}

function withdrawnEvent(deps: WithdrawClaimDeps, claim: Claim, now: Date) {
  return domainEvent(
    "claim.withdrawn.v1",
    claim.orgId,
    { claimId: claim.id, opportunityId: claim.opportunityId, userId: claim.userId, withdrawnAt: now.toISOString() },
    deps.ids.next("evt"),
    now,
  );
}
