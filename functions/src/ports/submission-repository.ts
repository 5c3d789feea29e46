import type { Submission } from "../domain/claims/submission.js";
import type { AggregateStore } from "./aggregate-store.js";

export interface SubmissionRepository extends AggregateStore<Submission> {
  /** The submission to the claim made by the request bearing `requestKey`, if that request got so far. */
  findByRequest(claimId: string, requestKey: string): Promise<Submission | null>;
}
