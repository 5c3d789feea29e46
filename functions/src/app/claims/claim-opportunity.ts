import type { ClaimIn, ClaimOut } from "../../contracts/claims.js";
import { AppError } from "../../domain/app-error.js";
import { isCreatedBy, openClaim, requestKeyOf, type Claim } from "../../domain/claims/claim.js";
import { nextClaimSequence } from "../../domain/claims/repeat-claims.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { assertClaimable, assertOpenForClaims, wasPublished, type Opportunity } from "../../domain/opportunities/opportunity.js";
import { noPlaceLeft, placeLimit } from "../../domain/opportunities/budget.js";
import { reservationGraceSeconds, reservationStage, type Reservation } from "../../domain/opportunities/reservation.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { UserRepository } from "../../ports/user-repository.js";
import { describe, dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { assertEligible } from "../opportunities/eligibility.js";
import { isConflict } from "../shared/update-aggregate.js";
import { presentClaim } from "./present.js";
import { chargeMonthlyBudget, releaseMonthlyChargeOf, releaseReservationCharge, type MonthlyChargeDeps } from "./monthly-charge.js";
import { closeReservation } from "./settle-stale-reservations.js";

export type ClaimOpportunityDeps = DispatchDeps & MonthlyChargeDeps & {
  opportunities: OpportunityRepository;
  claims: ClaimRepository;
  users: UserRepository;
  ids: Ids;
  clock: Clock;
};

/** The request as the HTTP layer received it: its Idempotency-Key, when the client sent one. */
export interface ClaimRequest {
  idempotencyKey?: string | undefined;
}

interface Attempt {
  userId: string;
  requestKey: string | null;
  now: Date;
}

/** An attempt that the repeat rules allow, and the sequence number its claim takes. */
interface NextClaim extends Attempt {
  sequence: number;
}

/**
 * Claims a place on an active opportunity. The place is taken with one guarded increment on the
 * opportunity that also records a reservation naming the claim, so a burst of concurrent claims
 * can never oversell it, and a place whose claim write was lost is traced to that claim: a retry
 * writes or finds it, and past the grace `settleStaleReservations` gives the place back. A retry
 * of a request that created one of the participant's claims (same Idempotency-Key) is answered
 * with that claim; any other request is their next claim, if the opportunity's repeat rules allow
 * one (`nextClaimSequence`: one claim at a time, a limit, a cooldown).
 */
export async function claimOpportunity(deps: ClaimOpportunityDeps, principal: Principal, input: ClaimIn, request: ClaimRequest = {}): Promise<ClaimOut> {
  const attempt: Attempt = {
    userId: requireUser(principal),
    requestKey: request.idempotencyKey === undefined ? null : requestKeyOf(request.idempotencyKey),
    now: deps.clock.now(),
  };
  const found = await deps.opportunities.findWithReservation(input.opportunityId, attempt.userId);
  if (!found || !wasPublished(found.opportunity)) throw new AppError("not_found", "opportunity not found");
  const { opportunity } = found;
  const latest = await deps.claims.findLatestOf(attempt.userId, opportunity.id);
  const retried = await createdByThisRequest(deps, opportunity, latest, attempt);
  if (retried) return answerRetry(deps, retried);
  const sequence = nextClaimSequence(opportunity, latest, attempt.now);
  assertOpenForClaims(opportunity, attempt.now);
  await assertEligible(deps, opportunity, attempt.userId, attempt.now);
  const next: NextClaim = { ...attempt, sequence };
  if (found.reservation) {
    const answer = await continueReservation(deps, opportunity, found.reservation, next);
    if (answer) return answer;
  } else {
    // Fails fast without a write when the count read shows no place left; once a stale reservation
    // was given back, that count is out of date, and the guarded reservation alone decides.
    assertClaimable(opportunity, attempt.now);
  }

  const reservation: Reservation = { claimId: deps.ids.next("clm"), userId: attempt.userId, at: attempt.now };
  const place = await deps.opportunities.reservePlace(opportunity.id, placeLimit(opportunity), reservation);
  if (place.outcome === "reserved") return writeClaim(deps, opportunity, reservation, next);
  // Another attempt of the same participant reserved since the first read: this one completes it or finds its claim.
  if (place.outcome === "held") {
    const answer = await continueReservation(deps, opportunity, place.reservation, next);
    if (answer) return answer;
    throw pendingElsewhere();
  }
  // No place left, unless the participant's own claim took the last one since the first read.
  const since = await deps.claims.findLatestOf(attempt.userId, opportunity.id);
  if (since && since.id !== latest?.id) return answerFound(deps, opportunity, since, attempt);
  throw noPlaceLeft(opportunity);
}

/**
 * Carries on with the participant's reservation whose claim was not found: writes the claim while
 * the reservation is young enough for no settler to give its place back meanwhile; closes it once
 * it is stale, as a settler would, and answers undefined when its place went back (the caller takes
 * a new one); in between, asks the client to come back once the earlier attempt is settled.
 */
async function continueReservation(deps: ClaimOpportunityDeps, opportunity: Opportunity, reservation: Reservation, attempt: NextClaim): Promise<ClaimOut | undefined> {
  const stage = reservationStage(reservation, attempt.now);
  if (stage === "completable") return writeClaim(deps, opportunity, reservation, attempt);
  if (stage === "settling") throw pendingElsewhere();
  if ((await closeReservation(deps, opportunity, reservation)) === "settled") {
    const held = await deps.claims.findById(reservation.claimId);
    if (held) return answerFound(deps, opportunity, held, attempt);
  }
  return undefined;
}

/**
 * Writes the claim its reservation names, with its event, then settles the reservation. The claim
 * is charged to its organization's monthly budget first; when the month cannot pay for it, its
 * place goes back and the claim is refused.
 */
async function writeClaim(deps: ClaimOpportunityDeps, opportunity: Opportunity, reservation: Reservation, attempt: NextClaim): Promise<ClaimOut> {
  const monthly = await chargeMonthlyBudget(deps, opportunity, reservation).catch(async (error: unknown) => {
    if (error instanceof AppError && error.code === "budget_exhausted") await closeQuietly(deps, opportunity, reservation, "release");
    throw error;
  });
  const claim = openClaim(opportunity, attempt.userId, reservation.claimId, attempt.now, { requestKey: attempt.requestKey, sequence: attempt.sequence, monthlyCharge: monthly.charge });
  const event = domainEvent("claim.created.v1", claim.orgId, { claimId: claim.id, opportunityId: claim.opportunityId, userId: claim.userId }, deps.ids.next("evt"), attempt.now);
  try {
    await deps.claims.insert(claim, [event]);
  } catch (error) {
    // Only a duplicate proves what is stored. After any other failure the claim may exist (a lost
    // acknowledgement): the reservation stays and names it, for a retry or a settler to decide.
    if (!isConflict(error)) throw error;
    const held = (await deps.claims.findById(reservation.claimId)) ?? (await deps.claims.findLatestOf(attempt.userId, opportunity.id));
    if (!held) throw error;
    // The reservation's own claim, written by another attempt, keeps the place. Any other claim took
    // this one's sequence number, so this reservation's claim can never be written: its place goes back now.
    if (held.id === reservation.claimId) {
      // The other attempt's charge was settled already (this one found none open and made a second): it goes back.
      if (monthly.outcome === "charged") await quietly(deps, "claims.monthly_charge.left", { claimId: held.id }, () => releaseMonthlyChargeOf(deps, held));
      await closeQuietly(deps, opportunity, reservation, "settle");
    } else {
      await closeQuietly(deps, opportunity, reservation, "release");
    }
    return answerFound(deps, opportunity, held, attempt);
  }
  await closeQuietly(deps, opportunity, reservation, "settle");
  await dispatchEvents(deps, { aggregate: "claim", id: claim.id });
  return presentClaim(claim);
}

/**
 * The participant's claim that the request bearing this attempt's Idempotency-Key created, if one
 * did: their newest claim most often, an earlier one when a retry comes late.
 */
async function createdByThisRequest(deps: ClaimOpportunityDeps, opportunity: Opportunity, latest: Claim | null, attempt: Attempt): Promise<Claim | null> {
  if (latest === null || attempt.requestKey === null) return null;
  if (isCreatedBy(latest, attempt.requestKey)) return latest;
  return deps.claims.findCreatedBy(attempt.userId, opportunity.id, attempt.requestKey);
}

/** The claim as the answer to a retry of the request that created it, as the first answer was. */
async function answerRetry(deps: ClaimOpportunityDeps, claim: Claim): Promise<ClaimOut> {
  // The first answer was lost, and maybe the relay of its event with it.
  await dispatchEvents(deps, { aggregate: "claim", id: claim.id });
  return presentClaim(claim);
}

/**
 * The answer once another attempt wrote a claim this one raced with: the claim itself to a retry of
 * the request that created it; to any other request, what the repeat rules say of claiming again
 * after it (`already_claimed` naming it while it is active).
 */
async function answerFound(deps: ClaimOpportunityDeps, opportunity: Opportunity, found: Claim, attempt: Attempt): Promise<ClaimOut> {
  if (isCreatedBy(found, attempt.requestKey)) return answerRetry(deps, found);
  nextClaimSequence(opportunity, found, attempt.now);
  // The rules would allow another claim after it, which can only mean it ended while this request ran.
  throw new AppError("conflict", "your claims of this opportunity changed while this request was handled; try again", { claimId: found.id });
}

// The answer is decided by then: a reservation left behind only waits for a settler, which closes
// it the same way (its charge with it), so a failure here is logged, never answered.
async function closeQuietly(deps: ClaimOpportunityDeps, opportunity: Opportunity, reservation: Reservation, how: "settle" | "release"): Promise<void> {
  await quietly(deps, "claims.reservation.left", { opportunityId: opportunity.id, claimId: reservation.claimId, how }, async () => {
    if (how === "settle") {
      await deps.opportunities.settleReservation(opportunity.id, reservation);
      return;
    }
    // The charge first: a reservation released with its charge still open would leave no settler to give it back.
    await releaseReservationCharge(deps, opportunity, reservation);
    await deps.opportunities.releaseReservation(opportunity.id, reservation);
  });
}

async function quietly(deps: ClaimOpportunityDeps, code: string, fields: Record<string, string>, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    deps.logger.warn(code, { ...fields, cause: describe(error) });
  }
}

const pendingElsewhere = () =>
  new AppError("unavailable", `an earlier attempt of this claim holds your place and may still be writing it; try again in ${reservationGraceSeconds} seconds`);
