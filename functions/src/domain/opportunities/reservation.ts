import { z } from "zod";
import { ClaimId, UserId } from "../../contracts/common.js";

/**
 * A place taken on an opportunity for one claim that is not written yet. It is recorded in the same
 * atomic update that takes the place and names the claim it is for, so that whatever happens to
 * the claim's own write, the place can be traced to it: kept once the claim exists, given back if
 * the claim never will. A participant holds at most one per opportunity.
 */
export const Reservation = z.object({ claimId: ClaimId, userId: UserId, at: z.date() });
export type Reservation = z.infer<typeof Reservation>;

// The API functions' timeout (index.ts sets it from here): no request that handles a claim runs
// longer than this after it started.
export const apiTimeoutSeconds = 60;

/**
 * How old a reservation must be before it is settled from outside a request: by then every request
 * that could still write its claim has ended, so a claim that does not exist never will, and its
 * place can be given back without overselling. The timeout, plus a margin for clocks that differ
 * between instances and for the write in flight when a request times out.
 */
export const reservationGraceSeconds = apiTimeoutSeconds + 30;

// A retry may write the claim of a reservation only while it is young enough for that retry to end
// (by the timeout) well before the grace runs out; past this window it leaves the claim unwritten.
const completableSeconds = reservationGraceSeconds - apiTimeoutSeconds - 10;

/**
 * What a request may do with a reservation whose claim it did not find: write the claim
 * (`completable`), wait for an earlier attempt that may still be writing it (`settling`), or
 * settle it now, as a reconciliation would (`stale`).
 */
export type ReservationStage = "completable" | "settling" | "stale";

export function reservationStage(reservation: Reservation, now: Date): ReservationStage {
  const ageSeconds = (now.getTime() - reservation.at.getTime()) / 1_000;
  if (ageSeconds < completableSeconds) return "completable";
  return ageSeconds < reservationGraceSeconds ? "settling" : "stale";
}
