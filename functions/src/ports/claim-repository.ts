import type { Claim } from "../domain/claims/claim.js";
import type { AggregateStore } from "./aggregate-store.js";
import type { PageOf, PageRequest } from "./page.js";

/** Claims; `insert` answers `conflict` when the participant already made a claim of the opportunity with the same sequence number. */
export interface ClaimRepository extends AggregateStore<Claim> {
  /** The participant's newest claim of the opportunity (the highest sequence); null before their first. */
  findLatestOf(userId: string, opportunityId: string): Promise<Claim | null>;
  /** The participant's claim of the opportunity that the request bearing `requestKey` created, if any did. */
  findCreatedBy(userId: string, opportunityId: string, requestKey: string): Promise<Claim | null>;
  listByUser(userId: string, filter: { status?: Claim["status"]; opportunityId?: string }, page: PageRequest): Promise<PageOf<Claim>>;
  listByOpportunity(opportunityId: string, filter: { status?: Claim["status"] }, page: PageRequest): Promise<PageOf<Claim>>;
  /**
   * How many claims of the opportunity ended on their place (completed). A withdrawn claim has
   * ended too, but gave its place back: it is not among the opportunity's taken places.
   */
  countCompletedByOpportunity(opportunityId: string): Promise<number>;
}
