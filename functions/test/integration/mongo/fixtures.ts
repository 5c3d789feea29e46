import { OpportunityIn } from "../../../src/contracts/opportunities.js";
import type { WebhookEndpointIn } from "../../../src/contracts/organizations.js";
import type { ApiScope } from "../../../src/contracts/route.js";
import { updateAggregate } from "../../../src/app/shared/update-aggregate.js";
import { openClaim, withTaskApproved, type Claim } from "../../../src/domain/claims/claim.js";
import { recordSubmission, type Submission } from "../../../src/domain/claims/submission.js";
import { domainEvent } from "../../../src/domain/events/domain-event.js";
import { issueApiKey, type ApiKey } from "../../../src/domain/identity/api-key.js";
import { newUser, type User } from "../../../src/domain/identity/user.js";
import { draftOpportunity, type Opportunity } from "../../../src/domain/opportunities/opportunity.js";
import type { Reservation } from "../../../src/domain/opportunities/reservation.js";
import { foundOrganization, type Organization } from "../../../src/domain/organizations/organization.js";
import { rewardFor, type Reward } from "../../../src/domain/rewards/reward.js";
import { registerEndpoint, type WebhookEndpoint } from "../../../src/domain/webhooks/webhook-endpoint.js";
import { messageFor, type WebhookMessage } from "../../../src/domain/webhooks/webhook-message.js";
import type { ClaimRepository } from "../../../src/ports/claim-repository.js";
import { testId } from "./mongo-test-database.js";

// Every aggregate is made by its domain constructor, as a use case makes it, so what is stored
// and read back is exactly what the application stores.

export const now = new Date("2026-11-24T12:00:00.000Z");

export const secondsAfter = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1_000);

/** A draft with `tasks` survey tasks. */
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

/** A reservation of a place for a claim not written yet, by a new participant unless told. */
export function aReservation(overrides: { userId?: string; at?: Date } = {}): Reservation {
  return { claimId: testId("clm"), userId: overrides.userId ?? testId("usr"), at: overrides.at ?? now };
}

export function aClaim(opportunity: Opportunity, overrides: { userId?: string; createdAt?: Date } = {}): Claim {
  return openClaim(opportunity, overrides.userId ?? testId("usr"), testId("clm"), overrides.createdAt ?? now);
}

/** A submission of the claim's first task, whose answers have keys that are not safe as field names. */
export function aSubmission(claim: Claim, opportunity: Opportunity): Submission {
  const task = opportunity.tasks[0];
  if (!task) throw new Error("the opportunity has no task");
  return recordSubmission(claim, task, { answers: { score: 4, "odd.key": "kept", $where: ["a", "b"] } }, opportunity, 1, testId("sub"), now);
}

export function aReward(claim: Claim, overrides: { createdAt?: Date } = {}): Reward {
  return rewardFor({ type: "points", value: 50 }, claim, testId("rwd"), overrides.createdAt ?? now);
}

export function anOrganization(overrides: { ownerId?: string; createdAt?: Date } = {}): Organization {
  return foundOrganization("Acme", overrides.ownerId ?? testId("usr"), testId("org"), overrides.createdAt ?? now);
}

export function aUser(identityKey = `firebase:${testId("usr")}`): User {
  return newUser(identityKey, testId("usr"), now);
}

export function anApiKey(scopes: ApiScope[] = ["opportunities:read", "claims:read"]): ApiKey {
  return issueApiKey({ orgId: testId("org"), name: "CI", scopes, createdBy: testId("usr") }, testId("key"), now).apiKey;
}

export function anEndpoint(orgId: string, eventTypes: string[], createdAt = now): WebhookEndpoint {
  const input: WebhookEndpointIn = { url: "https://hooks.example.com/user-x", eventTypes, description: "", headers: {}, metadata: {}, rateLimitPerSecond: null, asymmetricSigning: false };
  return registerEndpoint(orgId, input, testId("whe"), createdAt);
}

export function aMessage(): WebhookMessage {
  return messageFor(claimCreated(aClaim(anActiveOpportunity())), testId("whe"), now);
}

export function opportunityPublished(opportunity: Opportunity, at = now) {
  return domainEvent("opportunity.published.v1", opportunity.orgId, { opportunityId: opportunity.id }, testId("evt"), at);
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

export function rewardIssued(reward: Reward, at = now) {
  return domainEvent(
    "reward.issued.v1",
    reward.orgId,
    { rewardId: reward.id, claimId: reward.claimId, userId: reward.userId, type: reward.type, value: reward.value, currency: reward.currency },
    testId("evt"),
    at,
  );
}

/**
 * Approves one task of a stored claim the way app/claims/submit-work.ts does: decided on a read
 * with `withTaskApproved`, saved against that read's version, the completion event written with
 * the save that completes the claim, decided again after a lost race.
 */
export function approveTask(claims: ClaimRepository, claimId: string, taskId: string, at: Date): Promise<Claim | null> {
  return updateAggregate(
    claims,
    claimId,
    (current) => {
      const next = withTaskApproved(current, taskId, at);
      if (next === current) return null;
      return { next, events: next.status === "completed" ? [claimCompleted(next, at)] : [] };
    },
    // As submit-work: a claim has at most 20 tasks, so this many rounds always settle.
    { attempts: 25 },
  );
}
