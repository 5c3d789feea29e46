import type { Db } from "mongodb";
import { z } from "zod";
import { OpportunityId, OrgId } from "../../../contracts/common.js";
import { OpportunityStatus, ReviewPolicy, Reward, Targeting, Task } from "../../../contracts/opportunities.js";
import type { Opportunity } from "../../../domain/opportunities/opportunity.js";
import { parseDocument } from "../parse-document.js";
import type { WithOutbox } from "./outbox.js";

export const OpportunityDocument = z.object({
  _id: OpportunityId,
  orgId: OrgId,
  title: z.string(),
  description: z.string(),
  status: OpportunityStatus,
  tasks: z.array(Task),
  reward: Reward,
  targeting: Targeting,
  capacity: z.number().int().min(0),
  claimsCount: z.number().int().min(0),
  timeAllowedMinutes: z.number().int().positive(),
  reviewPolicy: ReviewPolicy,
  expiresAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type OpportunityDocument = z.infer<typeof OpportunityDocument>;

export const opportunitiesCollection = (db: Db) => db.collection<OpportunityDocument & WithOutbox>("opportunities");

export function opportunityToDocument(opportunity: Opportunity): OpportunityDocument {
  return {
    _id: opportunity.id,
    orgId: opportunity.orgId,
    title: opportunity.title,
    description: opportunity.description,
    status: opportunity.status,
    tasks: opportunity.tasks,
    reward: opportunity.reward,
    targeting: opportunity.targeting,
    capacity: opportunity.capacity,
    claimsCount: opportunity.claimsCount,
    timeAllowedMinutes: opportunity.timeAllowedMinutes,
    reviewPolicy: opportunity.reviewPolicy,
    expiresAt: opportunity.expiresAt,
    publishedAt: opportunity.publishedAt,
    createdAt: opportunity.createdAt,
    updatedAt: opportunity.updatedAt,
  };
}

/**
 * The fields a transition may set. The id never changes, and `claimsCount` moves only through
 * reservePlace and releasePlace: a transition built from an earlier read must not undo places
 * taken since.
 */
export function opportunityChangesToDocument(changes: Partial<Opportunity>): Partial<OpportunityDocument> {
  const { id: _id, claimsCount: _claimsCount, ...settable } = changes;
  return settable;
}

export function opportunityFromDocument(document: unknown): Opportunity {
  const stored = parseDocument(OpportunityDocument, "opportunities", document);
  return {
    id: stored._id,
    orgId: stored.orgId,
    title: stored.title,
    description: stored.description,
    status: stored.status,
    tasks: stored.tasks,
    reward: stored.reward,
    targeting: stored.targeting,
    capacity: stored.capacity,
    claimsCount: stored.claimsCount,
    timeAllowedMinutes: stored.timeAllowedMinutes,
    reviewPolicy: stored.reviewPolicy,
    expiresAt: stored.expiresAt,
    publishedAt: stored.publishedAt,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}
