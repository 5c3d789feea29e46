import type { Opportunity } from "../../domain/opportunities/opportunity.js";
import type { Reservation } from "../../domain/opportunities/reservation.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import { releaseReservationCharge, type MonthlyChargeDeps } from "./monthly-charge.js";

export { reservationGraceSeconds } from "../../domain/opportunities/reservation.js";

export interface SettleReservationsDeps extends MonthlyChargeDeps {
  opportunities: OpportunityRepository;
  claims: ClaimRepository;
}

export type ReservationClosing = "settled" | "released" | "gone";

/**
 * Closes a reservation no request can complete any more (older than the grace): settled when its
 * claim exists, released with its place and its monthly charge otherwise. Each removal is guarded
 * on the reservation (or the charge) still being there, so two settlers never give the same place
 * back twice (`gone` for the loser).
 */
export async function closeReservation(deps: SettleReservationsDeps, opportunity: Opportunity, reservation: Reservation): Promise<ReservationClosing> {
  if (await deps.claims.findById(reservation.claimId)) {
    return (await deps.opportunities.settleReservation(opportunity.id, reservation)) ? "settled" : "gone";
  }
  // The charge before the place: once the reservation is gone, nothing names the charge to give back.
  await releaseReservationCharge(deps, opportunity, reservation);
  return (await deps.opportunities.releaseReservation(opportunity.id, reservation)) ? "released" : "gone";
}

/**
 * Gives back what claims whose write was lost had taken: every reservation made before
 * `olderThan` (now minus `reservationGraceSeconds`, passed by the reconciliation) is closed, up to
 * `limit` of them. Returns how many were settled (their claim existed) and released (their place given back).
 */
export async function settleStaleReservations(deps: SettleReservationsDeps, { olderThan, limit }: { olderThan: Date; limit: number }): Promise<{ settled: number; released: number }> {
  const counts = { settled: 0, released: 0 };
  for (const { opportunityId, reservation } of await deps.opportunities.listStaleReservations(olderThan, limit)) {
    const opportunity = await deps.opportunities.findById(opportunityId);
    if (!opportunity) continue;
    const closing = await closeReservation(deps, opportunity, reservation);
    if (closing !== "gone") counts[closing] += 1;
  }
  return counts;
}
