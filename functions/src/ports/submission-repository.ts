import type { Submission } from "../domain/claims/submission.js";
import type { AggregateStore } from "./aggregate-store.js";
import type { PageOf, PageRequest } from "./page.js";

/** Which of an organization's submissions a list shows. */
export interface SubmissionFilter {
  status: Submission["status"];
  opportunityId?: string;
  taskId?: string;
  userId?: string;
}

/**
 * Submissions; `insert` answers `conflict` when the claim's task already has a submission with
 * that attempt number (a unique key), so two submissions racing for one attempt make one.
 */
export interface SubmissionRepository extends AggregateStore<Submission> {
  /** The submission to the claim made by the request bearing `requestKey`, if that request got so far. */
  findByRequest(claimId: string, requestKey: string): Promise<Submission | null>;
  /** Every submission of a claim: a few per task at most (tasks × maxAttempts). */
  allOfClaim(claimId: string): Promise<Submission[]>;
  listByOrg(orgId: string, filter: SubmissionFilter, page: PageRequest): Promise<PageOf<Submission>>;
  /** The submissions of a claim, a page in (createdAt, id) order. */
  listByClaim(claimId: string, page: PageRequest): Promise<PageOf<Submission>>;
}
