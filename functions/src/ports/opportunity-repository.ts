import type { Opportunity } from "../domain/opportunities/opportunity.js";
import type { Reservation } from "../domain/opportunities/reservation.js";
import type { AggregateStore } from "./aggregate-store.js";
import type { PageOf, PageRequest } from "./page.js";

export interface OpportunityFilter {
  orgId?: string;
  /** Without it, every status but deleted: a deleted draft is never listed. */
  status?: Exclude<Opportunity["status"], "deleted">;
  rewardType?: Opportunity["reward"]["type"];
}

/** Why no place was taken: the participant holds one already (for the claim it names), or none is left. */
export type PlaceOutcome = { outcome: "reserved" } | { outcome: "held"; reservation: Reservation } | { outcome: "full" };

/**
 * Opportunities. `claimsCount` is the one field `save` never writes: places move only through
 * single guarded updates, because a burst of claimers each saving a whole opportunity would
 * conflict with one another and retry without end. Every place taken is recorded as a
 * reservation in the same update, until its claim is written (settled) or never will be (released).
 */
export interface OpportunityRepository extends AggregateStore<Opportunity> {
  list(filter: OpportunityFilter, page: PageRequest): Promise<PageOf<Opportunity>>;
  /** The opportunity, and the reservation `userId` holds on it if any; null when there is no such opportunity. */
  findWithReservation(id: string, userId: string): Promise<{ opportunity: Opportunity; reservation: Reservation | null } | null>;
  /**
   * Takes one place for `reservation`, atomically: only while it is active, fewer than `capacity`
   * places are taken and the participant holds no reservation on it.
   */
  reservePlace(id: string, capacity: number, reservation: Reservation): Promise<PlaceOutcome>;
  /** Removes a reservation whose claim was written; the place stays taken. False when it was gone. */
  settleReservation(id: string, reservation: Reservation): Promise<boolean>;
  /** Removes a reservation whose claim will never be written and gives its place back, in one guarded update. False when it was gone. */
  releaseReservation(id: string, reservation: Reservation): Promise<boolean>;
  /**
   * Gives back the place of withdrawn or expired claim `claimId`, once: the count goes down and the claim is
   * recorded as returned in one guarded update. False when it was returned already.
   */
  returnPlace(id: string, claimId: string): Promise<boolean>;
  /** Up to `limit` reservations made before `before`, for a reconciliation to settle. */
  listStaleReservations(before: Date, limit: number): Promise<Array<{ opportunityId: string; reservation: Reservation }>>;
}
