import { reservationGraceSeconds } from "../../domain/opportunities/reservation.js";
import type { Clock } from "../../ports/clock.js";
import type { PlacesCount, ReconciliationReads } from "../../ports/reconciliation-reads.js";
import { closeReservation, type SettleReservationsDeps } from "../claims/settle-stale-reservations.js";
import type { Break } from "./report-break.js";

export type PlacesDeps = SettleReservationsDeps & { reconciliationReads: ReconciliationReads; clock: Clock };

/**
 * Each opportunity's taken places equal its claims that hold one (every claim but a withdrawn
 * or expired one, whose place went back) plus the reservations still in flight. First,
 * every reservation older than the grace is closed (claims/settle-stale-reservations.ts): settled
 * when its claim exists, its place given back when the claim was never written. Then the counts
 * are compared; a difference left after that is reported only: a counter cannot be corrected
 * safely while claims may be landing, and a place given back wrongly would oversell.
 */
export async function checkPlaces(deps: PlacesDeps, limit: number): Promise<{ checked: number; breaks: Break[] }> {
  const breaks: Break[] = [];
  const olderThan = new Date(deps.clock.now().getTime() - reservationGraceSeconds * 1000);
  for (const { opportunityId, reservation } of await deps.opportunities.listStaleReservations(olderThan, limit)) {
    const opportunity = await deps.opportunities.findById(opportunityId);
    if (!opportunity) continue;
    const closing = await closeReservation(deps, opportunity, reservation);
    if (closing === "released") {
      breaks.push({
        invariant: "places_counted",
        subject: opportunityId,
        detail: `the place reserved for claim ${reservation.claimId} at ${reservation.at.toISOString()} was never claimed; given back`,
        repaired: true,
        fields: { claimId: reservation.claimId, userId: reservation.userId },
      });
    }
  }
  const places = await deps.reconciliationReads.placesOfActiveOpportunities(limit);
  const gap = (p: PlacesCount) => p.claimsCount - p.claims - p.reservations;
  // The counts are not read in one snapshot, so a claim landing between the reads can open a gap
  // for a moment: only a gap that a second reading shows again is reported.
  const suspects = places.filter((p) => gap(p) !== 0);
  const again = suspects.length === 0 ? [] : await deps.reconciliationReads.placesOfActiveOpportunities(limit);
  const confirmed = again.filter((p) => gap(p) !== 0 && suspects.some((s) => s.opportunityId === p.opportunityId && gap(s) === gap(p)));
  for (const place of confirmed) {
    breaks.push({
      invariant: "places_counted",
      subject: place.opportunityId,
      detail: `${place.claimsCount} places taken, but ${place.claims} claims and ${place.reservations} reservations`,
      repaired: false,
      fields: { ...place },
    });
  }
  return { checked: places.length, breaks };
}
