import type { Db } from "mongodb";
import { z } from "zod";
import { ClaimStatus } from "../../../contracts/claims.js";
import { ClaimId, OpportunityId, OrgId, UserId } from "../../../contracts/common.js";
import type { Claim } from "../../../domain/claims/claim.js";
import { parseDocument } from "../parse-document.js";
import type { WithOutbox } from "./outbox.js";

export const ClaimDocument = z.object({
  _id: ClaimId,
  opportunityId: OpportunityId,
  orgId: OrgId,
  userId: UserId,
  status: ClaimStatus,
  completedTaskIds: z.array(z.string()),
  totalTasks: z.number().int().positive(),
  deadline: z.date(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
});
export type ClaimDocument = z.infer<typeof ClaimDocument>;

export const claimsCollection = (db: Db) => db.collection<ClaimDocument & WithOutbox>("claims");

export function claimToDocument(claim: Claim): ClaimDocument {
  return {
    _id: claim.id,
    opportunityId: claim.opportunityId,
    orgId: claim.orgId,
    userId: claim.userId,
    status: claim.status,
    completedTaskIds: claim.completedTaskIds,
    totalTasks: claim.totalTasks,
    deadline: claim.deadline,
    createdAt: claim.createdAt,
    completedAt: claim.completedAt,
  };
}

export function claimFromDocument(document: unknown): Claim {
  const stored = parseDocument(ClaimDocument, "claims", document);
  return {
    id: stored._id,
    opportunityId: stored.opportunityId,
    orgId: stored.orgId,
    userId: stored.userId,
    status: stored.status,
    completedTaskIds: stored.completedTaskIds,
    totalTasks: stored.totalTasks,
    deadline: stored.deadline,
    createdAt: stored.createdAt,
    completedAt: stored.completedAt,
  };
}
