import type { DomainEvent } from "../contracts/events.js";
import type { OpportunityStatus } from "../contracts/opportunities.js";
import type { ApiScope } from "../contracts/route.js";
import type { Claim } from "../domain/claims/claim.js";
import type { Submission } from "../domain/claims/submission.js";
import type { Organization } from "../domain/identity/principal.js";
import type { Opportunity } from "../domain/opportunities/opportunity.js";
import type { Reward } from "../domain/rewards/reward.js";
import type { PageOf, PageRequest } from "./page.js";

// Persistence ports. Every state change is one single-document atomic write; events it causes
// ride in that same write (the document's outbox), so a change and its events never part.

export interface OrganizationRepository {
  insert(org: Organization): Promise<void>;
  findById(id: string): Promise<Organization | null>;
  /** The organizations a user belongs to, oldest first; a user belongs to few. */
  listByMember(userId: string): Promise<Organization[]>;
  /** Adds the member, or changes the role of an existing one. */
  upsertMember(orgId: string, userId: string, role: Organization["members"][number]["role"]): Promise<Organization | null>;
}

export interface UserRecord {
  id: string;
  /** `firebase:<uid>` or `oidc:<issuer>:<subject>`; unique. */
  identityKey: string;
  createdAt: Date;
}

export interface UserRepository {
  /** The user with this identity, created on first sight; concurrent first requests get the same user. */
  findOrCreateByIdentity(identityKey: string, candidate: UserRecord): Promise<UserRecord>;
}

export interface ApiKeyRecord {
  id: string;
  orgId: string;
  name: string;
  scopes: ApiScope[];
  hash: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface ApiKeyRepository {
  insert(key: ApiKeyRecord): Promise<void>;
  findActiveByHash(hash: string): Promise<ApiKeyRecord | null>;
  touch(id: string, at: Date): Promise<void>;
}

export interface OpportunityFilter {
  orgId?: string;
  status?: OpportunityStatus;
  rewardType?: Opportunity["reward"]["type"];
}

export interface OpportunityRepository {
  insert(opportunity: Opportunity): Promise<void>;
  findById(id: string): Promise<Opportunity | null>;
  list(filter: OpportunityFilter, page: PageRequest): Promise<PageOf<Opportunity>>;
  /** Applies `changes` only if the status is still `from`; null when it was not. */
  transition(id: string, from: OpportunityStatus, changes: Partial<Opportunity>, events: readonly DomainEvent[]): Promise<Opportunity | null>;
  /** Takes one place if any is left, atomically; false when the opportunity is full or not active. */
  reservePlace(id: string, capacity: number): Promise<boolean>;
  releasePlace(id: string): Promise<void>;
}

export interface ClaimRepository {
  /** Throws AppError `already_claimed` when the user already holds a claim on the opportunity. */
  insert(claim: Claim, events: readonly DomainEvent[]): Promise<void>;
  findById(id: string): Promise<Claim | null>;
  findByUserAndOpportunity(userId: string, opportunityId: string): Promise<Claim | null>;
  listByUser(userId: string, filter: { status?: Claim["status"]; opportunityId?: string }, page: PageRequest): Promise<PageOf<Claim>>;
  /** Records an approved task; completes the claim (with its events) when it was the last. Null if the claim was not active. */
  approveTask(id: string, taskId: string, completed: { at: Date; events: readonly DomainEvent[] } | null): Promise<Claim | null>;
}

export interface SubmissionRepository {
  insert(submission: Submission): Promise<void>;
}

export interface RewardRepository {
  /** Inserts the reward unless the claim already has one; returns the claim's reward either way. */
  insertOnce(reward: Reward): Promise<Reward>;
  /** Marks a pending reward issued, with its events; null if it was issued already. */
  markIssued(id: string, at: Date, events: readonly DomainEvent[]): Promise<Reward | null>;
  listByUser(userId: string, page: PageRequest): Promise<PageOf<Reward>>;
}

export interface PointsLedger {
  /** Credits points once per entry id: a repeated entry id changes nothing. */
  credit(entry: { id: string; userId: string; points: number; rewardId: string; at: Date }): Promise<void>;
  balance(userId: string): Promise<number>;
}

export interface WebhookEndpoint {
  id: string;
  orgId: string;
  url: string;
  eventTypes: string[];
  description: string;
  secret: string;
  createdAt: Date;
  disabledAt: Date | null;
}

export interface WebhookEndpointRepository {
  insert(endpoint: WebhookEndpoint): Promise<void>;
  findById(id: string): Promise<WebhookEndpoint | null>;
  findSubscribed(orgId: string, eventType: string): Promise<WebhookEndpoint[]>;
}

export interface WebhookAttempt {
  at: Date;
  status: number | null;
  latencyMs: number;
  error?: string;
  responseExcerpt?: string;
}

export interface WebhookMessage {
  id: string;
  endpointId: string;
  orgId: string;
  eventId: string;
  eventType: string;
  payload: string;
  status: "pending" | "delivered" | "failed";
  attempts: WebhookAttempt[];
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface WebhookMessageRepository {
  /** Inserts the message unless one with its id exists; true when this call inserted it. */
  insertOnce(message: WebhookMessage): Promise<boolean>;
  findById(id: string): Promise<WebhookMessage | null>;
  recordAttempt(id: string, attempt: WebhookAttempt, delivered: boolean): Promise<void>;
}
