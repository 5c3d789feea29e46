import { OpportunityIn } from "../../../src/contracts/opportunities.js";
import { openClaim, type Claim } from "../../../src/domain/claims/claim.js";
import { domainEvent } from "../../../src/domain/events/domain-event.js";
import { draftOpportunity, type Opportunity } from "../../../src/domain/opportunities/opportunity.js";
import { rewardFor, type Reward } from "../../../src/domain/rewards/reward.js";
import { testId } from "./mongo-test-database.js";

export const now = new Date("2026-11-24T12:00:00.000Z");

export const secondsAfter = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1_000);

/** A draft with `tasks` survey tasks, made by the domain as a use case would. */
export function anOpportunity(overrides: { orgId?: string; capacity?: number; tasks?: number; createdAt?: Date } = {}): Opportunity {
  const input = OpportunityIn.parse({
    orgId: overrides.orgId ?? testId("org"),
    title: "Rate our new flavour",
    tasks: Array.from({ length: overrides.tasks ?? 1 }, (_, index) => ({
      id: `task_${index + 1}`,
      type: "survey",
      title: `Question ${index + 1}`,
      questions: [{ id: "score", type: "rating", prompt: "How good is it?" }],
    })),
    reward: { type: "points", value: 50 },
    targeting: { countries: ["FR", "DE"], ageRange: { min: 18, max: 65 } },
    capacity: overrides.capacity ?? 10,
  });
  return draftOpportunity(input, testId("opp"), overrides.createdAt ?? now);
}

export function anActiveOpportunity(overrides: Parameters<typeof anOpportunity>[0] = {}): Opportunity {
  return { ...anOpportunity(overrides), status: "active", publishedAt: now };
}

export function aClaim(opportunity: Opportunity, overrides: { userId?: string; createdAt?: Date } = {}): Claim {
  return openClaim(opportunity, overrides.userId ?? testId("usr"), testId("clm"), overrides.createdAt ?? now);
}

export function claimCreated(claim: Claim) {
  return domainEvent("claim.created.v1", claim.orgId, { claimId: claim.id, opportunityId: claim.opportunityId, userId: claim.userId }, testId("evt"), now);
}

export function claimCompleted(claim: Claim, at: Date) {
  return domainEvent(
    "claim.completed.v1",
    claim.orgId,
    { claimId: claim.id, opportunityId: claim.opportunityId, userId: claim.userId, completedAt: at.toISOString() },
    testId("evt"),
    at,
  );
}

export function aReward(claim: Claim, overrides: { createdAt?: Date } = {}): Reward {
  return rewardFor({ type: "points", value: 50 }, claim, testId("rwd"), overrides.createdAt ?? now);
}

export function rewardIssued(reward: Reward) {
  return domainEvent(
    "reward.issued.v1",
    reward.orgId,
    { rewardId: reward.id, claimId: reward.claimId, userId: reward.userId, type: reward.type, value: reward.value, currency: reward.currency },
    testId("evt"),
    now,
  );
}
