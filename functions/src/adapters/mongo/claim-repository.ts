import type { Db, Filter, UpdateFilter } from "mongodb";
import type { DomainEvent } from "../../contracts/events.js";
import { AppError } from "../../domain/app-error.js";
import type { Claim } from "../../domain/claims/claim.js";
import type { ClaimRepository } from "../../ports/repositories.js";
import { claimFromDocument, claimToDocument, claimsCollection, type ClaimDocument } from "./documents/claim-document.js";
import type { WithOutbox } from "./documents/outbox.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";

// Each lost race in approveTask means another task was recorded, and a claim has at most 20
// tasks, so this many rounds always settle.
const maxApprovalAttempts = 25;

/** Claims, one per user and opportunity, in `claims`. */
export function mongoClaimRepository(db: Db): ClaimRepository {
  const claims = claimsCollection(db);

  const findById = async (id: string): Promise<Claim | null> => {
    const document = await claims.findOne({ _id: id });
    return document && claimFromDocument(document);
  };

  return {
    insert: (claim, events) =>
      classified(
        async () => {
          await claims.insertOne({ ...claimToDocument(claim), outbox: [...events] });
        },
        (cause) => new AppError("already_claimed", "you have already claimed this opportunity", { opportunityId: claim.opportunityId }, { cause }),
      ),

    findById: (id) => classified(() => findById(id)),

    findByUserAndOpportunity: (userId, opportunityId) =>
      classified(async () => {
        const document = await claims.findOne({ userId, opportunityId });
        return document && claimFromDocument(document);
      }),

    listByUser: (userId, filter, page) =>
      classified(() => {
        const query: Filter<ClaimDocument & WithOutbox> = {
          userId,
          ...(filter.status !== undefined && { status: filter.status }),
          ...(filter.opportunityId !== undefined && { opportunityId: filter.opportunityId }),
        };
        return findPage(claims, query, page, claimFromDocument);
      }),

    // Whether this approval completes the claim depends on the approvals that land with it, and
    // the local server has no $expr to compare the task list with totalTasks inside an update.
    // So the decision is made on a read, and the write is a compare-and-set on the number of
    // tasks read: the list only grows, so an unchanged length means an unchanged list. A lost
    // race is decided again on a fresh read; the completion and its events are written at most once.
    approveTask: (id, taskId, completed) =>
      classified(async () => {
        for (let attempt = 0; attempt < maxApprovalAttempts; attempt++) {
          const claim = await findById(id);
          if (!claim || claim.status !== "active") return null;
          if (claim.completedTaskIds.includes(taskId)) return claim;
          const completes = claim.completedTaskIds.length + 1 >= claim.totalTasks;
          if (completes && !completed) {
            throw new AppError("conflict", "this approval completes the claim, but no completion was given; read the claim again", {
              claimId: id,
            });
          }
          const updated = await claims.findOneAndUpdate(
            { _id: id, status: "active", completedTaskIds: { $size: claim.completedTaskIds.length } },
            completes && completed ? completion(taskId, completed) : { $addToSet: { completedTaskIds: taskId } },
            { returnDocument: "after" },
          );
          if (updated) return claimFromDocument(updated);
        }
        throw new AppError("conflict", "the claim kept changing while this task was approved; try again", { claimId: id });
      }),
  };
}

function completion(taskId: string, completed: { at: Date; events: readonly DomainEvent[] }): UpdateFilter<ClaimDocument & WithOutbox> {
  return {
    $addToSet: { completedTaskIds: taskId },
    $set: { status: "completed", completedAt: completed.at },
    $push: { outbox: { $each: [...completed.events] } },
  };
}
