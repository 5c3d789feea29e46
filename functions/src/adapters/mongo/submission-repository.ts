import type { Db } from "mongodb";
import type { SubmissionRepository } from "../../ports/submission-repository.js";
import { findAllWhere, findOneWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";

/** Submissions, one per claim, task and attempt (a unique index). */
export function mongoSubmissionRepository(db: Db): SubmissionRepository {
  const { submissions } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(submissions),
    findByRequest: (claimId, requestKey) => findOneWhere(submissions, { claimId, requestKey }),
    allOfClaim: (claimId) => findAllWhere(submissions, { claimId }),
    listByOrg: (orgId, { status, opportunityId, taskId, userId }, page) =>
      classified(() =>
        findPage(
          submissions.collection,
          { orgId, status, ...(opportunityId !== undefined && { opportunityId }), ...(taskId !== undefined && { taskId }), ...(userId !== undefined && { userId }) },
          page,
          submissions.fromDocument,
        ),
      ),
    listByClaim: (claimId, page) => classified(() => findPage(submissions.collection, { claimId }, page, submissions.fromDocument)),
  };
}
