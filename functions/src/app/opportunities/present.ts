import type { OpportunityOut } from "../../contracts/opportunities.js";
import type { Opportunity } from "../../domain/opportunities/opportunity.js";

export const presentOpportunity = (o: Opportunity): OpportunityOut => ({
  id: o.id,
  orgId: o.orgId,
  title: o.title,
  description: o.description,
  status: o.status,
  tasks: o.tasks,
  reward: o.reward,
  targeting: o.targeting,
  capacity: o.capacity,
  claimsCount: o.claimsCount,
  timeAllowedMinutes: o.timeAllowedMinutes,
  reviewPolicy: o.reviewPolicy,
  expiresAt: o.expiresAt?.toISOString() ?? null,
  publishedAt: o.publishedAt?.toISOString() ?? null,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
});
