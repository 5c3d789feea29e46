import type { Db } from "mongodb";
import { z } from "zod";
import { ClaimId, OpportunityId, OrgId, RewardId, UserId } from "../../../contracts/common.js";
import type { Reward } from "../../../domain/rewards/reward.js";
import { parseDocument } from "../parse-document.js";
import type { WithOutbox } from "./outbox.js";

export const RewardDocument = z.object({
  _id: RewardId,
  claimId: ClaimId,
  opportunityId: OpportunityId,
  orgId: OrgId,
  userId: UserId,
  type: z.enum(["points", "voucher", "cash"]),
  value: z.number(),
  currency: z.string().nullable(),
  status: z.enum(["pending", "issued"]),
  issuedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type RewardDocument = z.infer<typeof RewardDocument>;

export const rewardsCollection = (db: Db) => db.collection<RewardDocument & WithOutbox>("rewards");

export function rewardToDocument(reward: Reward): RewardDocument {
  return {
    _id: reward.id,
    claimId: reward.claimId,
    opportunityId: reward.opportunityId,
    orgId: reward.orgId,
    userId: reward.userId,
    type: reward.type,
    value: reward.value,
    currency: reward.currency,
    status: reward.status,
    issuedAt: reward.issuedAt,
    createdAt: reward.createdAt,
  };
}

export function rewardFromDocument(document: unknown): Reward {
  const stored = parseDocument(RewardDocument, "rewards", document);
  return {
    id: stored._id,
    claimId: stored.claimId,
    opportunityId: stored.opportunityId,
    orgId: stored.orgId,
    userId: stored.userId,
    type: stored.type,
    value: stored.value,
    currency: stored.currency,
    status: stored.status,
    issuedAt: stored.issuedAt,
    createdAt: stored.createdAt,
  };
}
