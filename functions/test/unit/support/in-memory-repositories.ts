import type { DomainEvent } from "../../../src/contracts/events.js";
import { AppError } from "../../../src/domain/app-error.js";
import type { Claim } from "../../../src/domain/claims/claim.js";
import type { Submission } from "../../../src/domain/claims/submission.js";
import type { Organization } from "../../../src/domain/identity/principal.js";
import type { Opportunity } from "../../../src/domain/opportunities/opportunity.js";
import type { Reward } from "../../../src/domain/rewards/reward.js";
import type { EventOutbox, OutboxSource } from "../../../src/ports/outbox.js";
import type { PageOf, PageRequest } from "../../../src/ports/page.js";
import type {
  ApiKeyRecord,
  ApiKeyRepository,
  ClaimRepository,
  OpportunityFilter,
  OpportunityRepository,
  OrganizationRepository,
  PointsLedger,
  RewardRepository,
  SubmissionRepository,
  UserRecord,
  UserRepository,
  WebhookAttempt,
  WebhookEndpoint,
  WebhookEndpointRepository,
  WebhookMessage,
  WebhookMessageRepository,
} from "../../../src/ports/repositories.js";

// Every read and write copies, so a use case that mutates what it read changes nothing stored,
// as with a database. Each method does its check and its write without awaiting in between,
// which makes it as atomic as the single-document update it stands for.

/** A collection of documents, each with the outbox array its writes append events to. */
export class DocumentTable<T extends { id: string }> {
  private readonly rows = new Map<string, { document: T; outbox: DomainEvent[] }>();

  insert(document: T, events: readonly DomainEvent[] = []): void {
    if (this.rows.has(document.id)) throw new AppError("conflict", `${document.id} exists already`);
    this.rows.set(document.id, { document: structuredClone(document), outbox: structuredClone([...events]) });
  }

  get(id: string): T | null {
    const row = this.rows.get(id);
    return row ? structuredClone(row.document) : null;
  }

  all(): T[] {
    return [...this.rows.values()].map((row) => structuredClone(row.document));
  }

  /** Applies `change` and appends `events` only if `guard` holds: a guarded findOneAndUpdate. */
  update(id: string, guard: (document: T) => boolean, change: (document: T) => T, events: readonly DomainEvent[] = []): T | null {
    const row = this.rows.get(id);
    if (!row || !guard(row.document)) return null;
    row.document = structuredClone(change(structuredClone(row.document)));
    row.outbox.push(...structuredClone([...events]));
    return structuredClone(row.document);
  }

  /** Ids of documents whose oldest waiting event occurred before `before`. */
  staleOutboxes(before: Date): string[] {
    return [...this.rows.entries()].filter(([, row]) => row.outbox.length > 0 && new Date(row.outbox[0]!.occurredAt) < before).map(([id]) => id);
  }

  outbox(id: string): DomainEvent[] {
    return structuredClone(this.rows.get(id)?.outbox ?? []);
  }

  removeFromOutbox(id: string, eventIds: ReadonlySet<string>): void {
    const row = this.rows.get(id);
    if (row) row.outbox = row.outbox.filter((event) => !eventIds.has(event.id));
  }
}

type Created = { id: string; createdAt: Date };

const inCreationOrder = (order: PageRequest["order"]) => (a: Created, b: Created) =>
  (order === "asc" ? 1 : -1) * (a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Keyset paging in (createdAt, id) order, as the Mongo adapter pages. */
function pageOf<T extends Created>(items: T[], page: PageRequest): PageOf<T> {
  const compare = inCreationOrder(page.order);
  const { after } = page;
  const rest = items.sort(compare).filter((item) => !after || compare(item, after) > 0);
  const pageItems = rest.slice(0, page.limit);
  const last = pageItems.at(-1);
  return rest.length > page.limit && last ? { items: pageItems, next: { createdAt: last.createdAt, id: last.id } } : { items: pageItems };
}

export class InMemoryOrganizationRepository implements OrganizationRepository {
  readonly table = new DocumentTable<Organization>();

  async insert(org: Organization) {
    this.table.insert(org);
  }

  async findById(id: string) {
    return this.table.get(id);
  }

  async listByMember(userId: string) {
    return this.table.all().filter((org) => org.members.some((m) => m.userId === userId)).sort(inCreationOrder("asc"));
  }

  async upsertMember(orgId: string, userId: string, role: Organization["members"][number]["role"]) {
    return this.table.update(orgId, () => true, (org) => ({
      ...org,
      members: org.members.some((m) => m.userId === userId)
        ? org.members.map((m) => (m.userId === userId ? { userId, role } : m))
        : [...org.members, { userId, role }],
    }));
  }
}

export class InMemoryUserRepository implements UserRepository {
  private readonly byIdentity = new Map<string, UserRecord>();

  async findOrCreateByIdentity(identityKey: string, candidate: UserRecord) {
    const user = this.byIdentity.get(identityKey) ?? candidate;
    this.byIdentity.set(identityKey, user);
    return structuredClone(user);
  }

  all(): UserRecord[] {
    return structuredClone([...this.byIdentity.values()]);
  }
}

export class InMemoryApiKeyRepository implements ApiKeyRepository {
  readonly table = new DocumentTable<ApiKeyRecord>();

  async insert(key: ApiKeyRecord) {
    if (this.table.all().some((k) => k.hash === key.hash)) throw new AppError("conflict", "an API key with this hash exists");
    this.table.insert(key);
  }

  async findActiveByHash(hash: string) {
    return this.table.all().find((k) => k.hash === hash && k.revokedAt === null) ?? null;
  }

  async touch(id: string, at: Date) {
    this.table.update(id, (k) => k.lastUsedAt === null || k.lastUsedAt < at, (k) => ({ ...k, lastUsedAt: at }));
  }
}

export class InMemoryOpportunityRepository implements OpportunityRepository {
  readonly table = new DocumentTable<Opportunity>();

  async insert(opportunity: Opportunity) {
    this.table.insert(opportunity);
  }

  async findById(id: string) {
    return this.table.get(id);
  }

  async list(filter: OpportunityFilter, page: PageRequest) {
    const matches = (o: Opportunity) =>
      (filter.orgId === undefined || o.orgId === filter.orgId) &&
      (filter.status === undefined || o.status === filter.status) &&
      (filter.rewardType === undefined || o.reward.type === filter.rewardType);
    return pageOf(this.table.all().filter(matches), page);
  }

  async transition(id: string, from: Opportunity["status"], changes: Partial<Opportunity>, events: readonly DomainEvent[]) {
    return this.table.update(id, (o) => o.status === from, (o) => ({ ...o, ...changes }), events);
  }

  async reservePlace(id: string, capacity: number) {
    const reserved = this.table.update(id, (o) => o.status === "active" && o.claimsCount < capacity, (o) => ({ ...o, claimsCount: o.claimsCount + 1 }));
    return reserved !== null;
  }

  async releasePlace(id: string) {
    this.table.update(id, (o) => o.claimsCount > 0, (o) => ({ ...o, claimsCount: o.claimsCount - 1 }));
  }
}

export class InMemoryClaimRepository implements ClaimRepository {
  readonly table = new DocumentTable<Claim>();

  async insert(claim: Claim, events: readonly DomainEvent[]) {
    if (this.table.all().some((c) => c.userId === claim.userId && c.opportunityId === claim.opportunityId)) {
      throw new AppError("already_claimed", "you have already claimed this opportunity");
    }
    this.table.insert(claim, events);
  }

  async findById(id: string) {
    return this.table.get(id);
  }

  async findByUserAndOpportunity(userId: string, opportunityId: string) {
    return this.table.all().find((c) => c.userId === userId && c.opportunityId === opportunityId) ?? null;
  }

  async listByUser(userId: string, filter: { status?: Claim["status"]; opportunityId?: string }, page: PageRequest) {
    const matches = (c: Claim) =>
      c.userId === userId &&
      (filter.status === undefined || c.status === filter.status) &&
      (filter.opportunityId === undefined || c.opportunityId === filter.opportunityId);
    return pageOf(this.table.all().filter(matches), page);
  }

  async approveTask(id: string, taskId: string, completed: { at: Date; events: readonly DomainEvent[] } | null) {
    const claim = this.table.get(id);
    if (!claim || claim.status !== "active") return null;
    if (claim.completedTaskIds.includes(taskId)) return claim;
    const completes = claim.completedTaskIds.length + 1 >= claim.totalTasks;
    if (completes && !completed) throw new AppError("conflict", "this approval completes the claim, but no completion was given");
    const approved = (c: Claim): Claim => ({ ...c, completedTaskIds: [...c.completedTaskIds, taskId] });
    if (!completes || !completed) return this.table.update(id, () => true, approved);
    return this.table.update(id, () => true, (c) => ({ ...approved(c), status: "completed", completedAt: completed.at }), completed.events);
  }
}

export class InMemorySubmissionRepository implements SubmissionRepository {
  readonly table = new DocumentTable<Submission>();

  async insert(submission: Submission) {
    this.table.insert(submission);
  }
}

export class InMemoryRewardRepository implements RewardRepository {
  readonly table = new DocumentTable<Reward>();

  async insertOnce(reward: Reward) {
    const existing = this.table.all().find((r) => r.claimId === reward.claimId);
    if (existing) return existing;
    this.table.insert(reward);
    return structuredClone(reward);
  }

  async markIssued(id: string, at: Date, events: readonly DomainEvent[]) {
    return this.table.update(id, (r) => r.status === "pending", (r) => ({ ...r, status: "issued", issuedAt: at }), events);
  }

  async listByUser(userId: string, page: PageRequest) {
    return pageOf(this.table.all().filter((r) => r.userId === userId), page);
  }
}

type PointsEntry = Parameters<PointsLedger["credit"]>[0];

export class InMemoryPointsLedger implements PointsLedger {
  private readonly entries = new Map<string, PointsEntry>();

  async credit(entry: PointsEntry) {
    if (!this.entries.has(entry.id)) this.entries.set(entry.id, structuredClone(entry));
  }

  async balance(userId: string) {
    return this.all().filter((e) => e.userId === userId).reduce((sum, e) => sum + e.points, 0);
  }

  all(): PointsEntry[] {
    return structuredClone([...this.entries.values()]);
  }
}

export class InMemoryWebhookEndpointRepository implements WebhookEndpointRepository {
  readonly table = new DocumentTable<WebhookEndpoint>();

  async insert(endpoint: WebhookEndpoint) {
    this.table.insert(endpoint);
  }

  async findById(id: string) {
    return this.table.get(id);
  }

  async findSubscribed(orgId: string, eventType: string) {
    return this.table.all().filter((e) => e.orgId === orgId && e.eventTypes.includes(eventType) && e.disabledAt === null);
  }
}

export class InMemoryWebhookMessageRepository implements WebhookMessageRepository {
  readonly table = new DocumentTable<WebhookMessage>();

  async insertOnce(message: WebhookMessage) {
    if (this.table.get(message.id)) return false;
    this.table.insert(message);
    return true;
  }

  async findById(id: string) {
    return this.table.get(id);
  }

  async recordAttempt(id: string, attempt: WebhookAttempt, delivered: boolean) {
    this.table.update(id, () => true, (m) =>
      delivered ? { ...m, attempts: [...m.attempts, attempt], status: "delivered", deliveredAt: attempt.at } : { ...m, attempts: [...m.attempts, attempt] },
    );
  }
}

/** The outbox arrays of opportunities, claims and rewards, relayed into `log`. */
export class InMemoryEventOutbox implements EventOutbox {
  readonly log: DomainEvent[] = [];

  constructor(private readonly sources: Record<OutboxSource["collection"], DocumentTable<{ id: string }>>) {}

  async pending(source: OutboxSource) {
    return this.sources[source.collection].outbox(source.id);
  }

  async markRelayed(source: OutboxSource, events: readonly DomainEvent[]) {
    for (const event of events) {
      if (!this.log.some((logged) => logged.id === event.id)) this.log.push(structuredClone(event));
    }
    this.sources[source.collection].removeFromOutbox(source.id, new Set(events.map((e) => e.id)));
  }

  async stale(before: Date, limit: number) {
    const collections = Object.keys(this.sources) as Array<OutboxSource["collection"]>;
    return collections.flatMap((collection) => this.sources[collection].staleOutboxes(before).map((id) => ({ collection, id }))).slice(0, limit);
  }
}
