import type { Submission } from "../domain/claims/submission.js";
import type { AggregateStore } from "./aggregate-store.js";
import type { PageOf, PageRequest } from "./page.js";

export interface SubmissionRepository extends AggregateStore<Submission> {
  /** The submission to the claim made by the request bearing `requestKey`, if that request got so far. */
  findByRequest(claimId: string, requestKey: string): Promise<Submission | null>;
  /** The submissions of a claim, a page in (createdAt, id) order. */
  listByClaim(claimId: string, page: PageRequest): Promise<PageOf<Submission>>;
}
