import type { Db } from "mongodb";
import type { SubmissionRepository } from "../../ports/submission-repository.js";
import { findOneWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";

/** Submissions, each made by one request of its claim's holder. */
export function mongoSubmissionRepository(db: Db): SubmissionRepository {
  const { submissions } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(submissions),
    findByRequest: (claimId, requestKey) => findOneWhere(submissions, { claimId, requestKey }),
    listByClaim: (claimId, page) => classified(() => findPage(submissions.collection, { claimId }, page, submissions.fromDocument)),
  };
}
