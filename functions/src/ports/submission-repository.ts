import type { Submission } from "../domain/claims/submission.js";
import type { AggregateStore } from "./aggregate-store.js";

export type SubmissionRepository = AggregateStore<Submission>;
