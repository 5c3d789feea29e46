import { randomUUID } from "node:crypto";
import type { DomainEvent } from "../../../src/contracts/events.js";
import type { Aggregate } from "../../../src/domain/aggregate.js";
import { AppError } from "../../../src/domain/app-error.js";
import type { Claim } from "../../../src/domain/claims/claim.js";
import type { Submission } from "../../../src/domain/claims/submission.js";
import type { ApiKey } from "../../../src/domain/identity/api-key.js";
import type { User } from "../../../src/domain/identity/user.js";
import { nextEntry, type PointsAppend, type PointsEntry } from "../../../src/domain/points/points-entry.js";
import type { Opportunity } from "../../../src/domain/opportunities/opportunity.js";
import type { Reservation } from "../../../src/domain/opportunities/reservation.js";
import type { Organization } from "../../../src/domain/organizations/organization.js";
import type { Reward } from "../../../src/domain/rewards/reward.js";
import type { WebhookEndpoint } from "../../../src/domain/webhooks/webhook-endpoint.js";
import { isPurgeable } from "../../../src/domain/webhooks/retention.js";
import { isStalled, type WebhookMessage } from "../../../src/domain/webhooks/webhook-message.js";
import type { AggregateStore } from "../../../src/ports/aggregate-store.js";
import type { ApiKeyRepository } from "../../../src/ports/api-key-repository.js";
import type { ClaimRepository } from "../../../src/ports/claim-repository.js";
import type { OpportunityFilter, OpportunityRepository, PlaceOutcome } from "../../../src/ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../../src/ports/organization-repository.js";
import type { EventOutbox, OutboxSource } from "../../../src/ports/outbox.js";
import type { PageOf, PageRequest } from "../../../src/ports/page.js";
import type { PointsLedger } from "../../../src/ports/points-ledger.js";
import type { RewardRepository } from "../../../src/ports/reward-repository.js";
import type { SubmissionFilter, SubmissionRepository } from "../../../src/ports/submission-repository.js";
import type { UserRepository } from "../../../src/ports/user-repository.js";
import type { WebhookEndpointRepository } from "../../../src/ports/webhook-endpoint-repository.js";
import type { MessageFilter, WebhookMessageRepository } from "../../../src/ports/webhook-message-repository.js";

// Every read and write copies, so a use case that mutates what it read changes nothing stored,
// as with a database. Each method does its check and its write without awaiting in between,
// which makes it as atomic as the single-document update it stands for. The fakes keep no
// rules of their own: only what the database enforces (unique keys, the version compare).

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

  /** Deletes the document; false when there was none. */
  delete(id: string): boolean {
    return this.rows.delete(id);
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
export function pageOf<T extends Created>(items: T[], page: PageRequest): PageOf<T> {
  const compare = inCreationOrder(page.order);
  const { after } = page;
  const rest = items.sort(compare).filter((item) => !after || compare(item, after) > 0);
  const pageItems = rest.slice(0, page.limit);
  const last = pageItems.at(-1);
  return rest.length > page.limit && last ? { items: pageItems, next: { createdAt: last.createdAt, id: last.id } } : { items: pageItems };
}

/**
 * The in-memory twin of adapters/mongo/aggregate-store.ts: the same optimistic save (a version
 * compare), the same unique keys as the collection's unique indexes, the same atomic fields.
 */
export class InMemoryAggregateStore<A extends Aggregate> implements AggregateStore<A> {
  readonly table = new DocumentTable<A>();

  constructor(private readonly options: { uniqueKeys?: Array<(aggregate: A) => string>; atomicFields?: Array<keyof A> } = {}) {}

  async findById(id: string) {
    return this.table.get(id);
  }

  async insert(aggregate: A, events: readonly DomainEvent[] = []) {
    for (const key of this.options.uniqueKeys ?? []) {
      if (this.table.all().some((stored) => key(stored) === key(aggregate))) throw new AppError("conflict", "a record with the same key already exists");
    }
    this.table.insert(aggregate, events);
  }

  async save(next: A, expectedVersion: number, events: readonly DomainEvent[] = []) {
    const kept = (stored: A) => Object.fromEntries((this.options.atomicFields ?? []).map((field) => [field, stored[field]]));
    const saved = this.table.update(next.id, (stored) => stored.version === expectedVersion, (stored) => ({ ...next, ...kept(stored), version: expectedVersion + 1 }), events);
    if (!saved) throw new AppError("conflict", "this record changed while the request was handled; try again");
    return saved;
  }
}

export class InMemoryOrganizationRepository extends InMemoryAggregateStore<Organization> implements OrganizationRepository {
  async listByMember(userId: string) {
    return this.table.all().filter((org) => org.members.some((m) => m.userId === userId)).sort(inCreationOrder("asc"));
  }
}

export class InMemoryUserRepository extends InMemoryAggregateStore<User> implements UserRepository {
  constructor() {
    super({ uniqueKeys: [(user) => user.identityKey] });
  }

  async findByIdentity(identityKey: string) {
    return this.table.all().find((user) => user.identityKey === identityKey) ?? null;
  }
}

export class InMemoryApiKeyRepository extends InMemoryAggregateStore<ApiKey> implements ApiKeyRepository {
  constructor() {
    super({ uniqueKeys: [(key) => key.hash], atomicFields: ["lastUsedAt"] });
  }

  async findByHash(hash: string) {
    return this.table.all().find((k) => k.hash === hash) ?? this.table.all().find((k) => k.previousHash === hash) ?? null;
  }

  async listByOrg(orgId: string) {
    return byCreation(this.table.all().filter((k) => k.orgId === orgId));
  }

  async touch(id: string, at: Date) {
    this.table.update(id, (k) => k.lastUsedAt === null || k.lastUsedAt < at, (k) => ({ ...k, lastUsedAt: at }));
  }
}

export class InMemoryOpportunityRepository extends InMemoryAggregateStore<Opportunity> implements OpportunityRepository {
  constructor() {
    super({ atomicFields: ["claimsCount"] });
  }

  async list(filter: OpportunityFilter, page: PageRequest) {
    const matches = (o: Opportunity) =>
      (filter.orgId === undefined || o.orgId === filter.orgId) &&
      (filter.status === undefined ? o.status !== "deleted" : o.status === filter.status) &&
      (filter.rewardType === undefined || o.reward.type === filter.rewardType);
    return pageOf(this.table.all().filter(matches), page);
  }

  // Reservations are kept beside the documents, as the Mongo adapter keeps them beside the
  // aggregate's fields; each method checks and writes them in the same tick as the count.
  readonly reservations = new Map<string, Reservation[]>();

  private reservationsOf(id: string): Reservation[] {
    return this.reservations.get(id) ?? [];
  }

  async findWithReservation(id: string, userId: string) {
    const opportunity = this.table.get(id);
    if (!opportunity) return null;
    return { opportunity, reservation: structuredClone(this.reservationsOf(id).find((r) => r.userId === userId) ?? null) };
  }

  async reservePlace(id: string, capacity: number, reservation: Reservation): Promise<PlaceOutcome> {
    const held = () => this.reservationsOf(id).find((r) => r.userId === reservation.userId);
    const reserved = this.table.update(id, (o) => o.status === "active" && o.claimsCount < capacity && !held(), (o) => ({ ...o, claimsCount: o.claimsCount + 1 }));
    if (reserved) {
      this.reservations.set(id, [...this.reservationsOf(id), structuredClone(reservation)]);
      return { outcome: "reserved" };
    }
    const holding = held();
    return holding ? { outcome: "held", reservation: structuredClone(holding) } : { outcome: "full" };
  }

  async settleReservation(id: string, reservation: Reservation) {
    return this.removeReservation(id, reservation, 0);
  }

  async releaseReservation(id: string, reservation: Reservation) {
    return this.removeReservation(id, reservation, -1);
  }

  private removeReservation(id: string, reservation: Reservation, placesBack: number): boolean {
    const same = (r: Reservation) => r.claimId === reservation.claimId && r.userId === reservation.userId && r.at.getTime() === reservation.at.getTime();
    if (!this.reservationsOf(id).some(same)) return false;
    this.reservations.set(id, this.reservationsOf(id).filter((r) => !same(r)));
    this.table.update(id, () => true, (o) => ({ ...o, claimsCount: o.claimsCount + placesBack }));
    return true;
  }

  readonly placesReturnedFor = new Map<string, string[]>();

  async returnPlace(id: string, claimId: string) {
    const returned = this.placesReturnedFor.get(id) ?? [];
    if (returned.includes(claimId) || !this.table.get(id)) return false;
    this.placesReturnedFor.set(id, [...returned, claimId]);
    this.table.update(id, () => true, (o) => ({ ...o, claimsCount: o.claimsCount - 1 }));
    return true;
  }

  async listStaleReservations(before: Date, limit: number) {
    return [...this.reservations.entries()]
      .flatMap(([opportunityId, reservations]) => reservations.filter((r) => r.at < before).map((reservation) => ({ opportunityId, reservation: structuredClone(reservation) })))
      .slice(0, limit);
  }
}

export class InMemoryClaimRepository extends InMemoryAggregateStore<Claim> implements ClaimRepository {
  constructor() {
    super({ uniqueKeys: [(claim) => `${claim.opportunityId}/${claim.userId}/${claim.sequence}`] });
  }

  async findLatestOf(userId: string, opportunityId: string) {
    const theirs = this.table.all().filter((c) => c.userId === userId && c.opportunityId === opportunityId);
    return theirs.sort((a, b) => b.sequence - a.sequence)[0] ?? null;
  }

  async findCreatedBy(userId: string, opportunityId: string, requestKey: string) {
    return this.table.all().find((c) => c.userId === userId && c.opportunityId === opportunityId && c.requestKey === requestKey) ?? null;
  }

  async listByUser(userId: string, filter: { status?: Claim["status"]; opportunityId?: string }, page: PageRequest) {
    const matches = (c: Claim) =>
      c.userId === userId &&
      (filter.status === undefined || c.status === filter.status) &&
      (filter.opportunityId === undefined || c.opportunityId === filter.opportunityId);
    return pageOf(this.table.all().filter(matches), page);
  }

  async listByOpportunity(opportunityId: string, filter: { status?: Claim["status"] }, page: PageRequest) {
    return pageOf(this.table.all().filter((c) => c.opportunityId === opportunityId && (filter.status === undefined || c.status === filter.status)), page);
  }

  async countCompletedByOpportunity(opportunityId: string) {
    return this.table.all().filter((c) => c.opportunityId === opportunityId && c.status === "completed").length;
  }
}

export class InMemorySubmissionRepository extends InMemoryAggregateStore<Submission> implements SubmissionRepository {
  constructor() {
    super({ uniqueKeys: [(submission) => `${submission.claimId}/${submission.taskId}/${submission.attempt}`] });
  }

  async findByRequest(claimId: string, requestKey: string) {
    return this.table.all().find((submission) => submission.claimId === claimId && submission.requestKey === requestKey) ?? null;
  }

  async allOfClaim(claimId: string) {
    return this.table.all().filter((submission) => submission.claimId === claimId);
  }

  async listByOrg(orgId: string, filter: SubmissionFilter, page: PageRequest) {
    const matches = (s: Submission) =>
      s.orgId === orgId &&
      s.status === filter.status &&
      (filter.opportunityId === undefined || s.opportunityId === filter.opportunityId) &&
      (filter.taskId === undefined || s.taskId === filter.taskId) &&
      (filter.userId === undefined || s.userId === filter.userId);
    return pageOf(this.table.all().filter(matches), page);
  }

  async listByClaim(claimId: string, page: PageRequest) {
    return pageOf(this.table.all().filter((submission) => submission.claimId === claimId), page);
  }
}

export class InMemoryRewardRepository extends InMemoryAggregateStore<Reward> implements RewardRepository {
  constructor() {
    super({ uniqueKeys: [(reward) => reward.claimId] });
  }

  async findByClaim(claimId: string) {
    return this.table.all().find((r) => r.claimId === claimId) ?? null;
  }

  async listByUser(userId: string, page: PageRequest) {
    return pageOf(this.table.all().filter((r) => r.userId === userId), page);
  }

  async listFailedByPool(poolId: string, limit: number) {
    return this.table
      .all()
      .filter((r) => r.poolId === poolId && r.status === "failed" && r.failureReason === "pool_exhausted")
      .sort(inCreationOrder("asc"))
      .slice(0, limit);
  }

  async sumIssuedByOpportunity(opportunityId: string) {
    return this.table
      .all()
      .filter((r) => r.opportunityId === opportunityId && r.status === "issued")
      .reduce((sum, r) => sum + r.value, 0);
  }

  async sumIssuedByOrganization(orgId: string, from: Date, to: Date) {
    const spent = new Map<string, number>();
    for (const r of this.table.all()) {
      if (r.orgId !== orgId || r.status !== "issued" || !r.issuedAt || r.issuedAt < from || r.issuedAt >= to) continue;
      const unit = r.type === "points" ? "points" : (r.currency ?? r.type);
      spent.set(unit, (spent.get(unit) ?? 0) + r.value);
    }
    return [...spent].map(([unit, total]) => ({ unit, spent: total }));
  }
}

/** The ledger's rules (domain/points/points-entry.ts) over an array; appends run one at a time, as if each had won its race. */
export class InMemoryPointsLedger implements PointsLedger {
  private readonly stored: Array<PointsEntry & { settled?: boolean }> = [];
  /** The entries' outboxes: the events each append carried, by entry id. */
  readonly outboxes = new DocumentTable<{ id: string }>();

  async append(entry: PointsAppend, options: { events?: (entry: PointsEntry) => DomainEvent[]; afterSeq?: number } = {}) {
    const earlier = this.stored.find((e) => e.userId === entry.userId && e.key === entry.key);
    if (earlier) return structuredClone(earlier);
    const mine = this.stored.filter((e) => e.userId === entry.userId);
    const last = mine.at(-1) ?? null;
    if (options.afterSeq !== undefined && (last?.seq ?? 0) !== options.afterSeq) throw new AppError("conflict", "the ledger moved since it was read");
    const next = nextEntry(last, entry);
    this.stored.push(structuredClone(next));
    this.outboxes.insert({ id: next.id }, options.events?.(next) ?? []);
    return structuredClone(next);
  }

  credit(credit: Parameters<PointsLedger["credit"]>[0]) {
    const { rewardId } = credit;
    return this.append({ id: rewardId, userId: credit.userId, kind: "earn", points: credit.points, key: `earn:${rewardId}`, orgId: credit.orgId, rewardId, expiresAt: credit.expiresAt, expires: null, reason: null, at: credit.at });
  }

  debit(userId: string, points: number, debit: Parameters<PointsLedger["debit"]>[2]) {
    if (!Number.isSafeInteger(points) || points <= 0) return Promise.reject(new AppError("validation_failed", "a debit is a positive number of points"));
    return this.append({ id: `pte_${randomUUID().replaceAll("-", "")}`, userId, kind: debit.kind, points: -points, key: `${debit.kind}:${debit.key}`, orgId: debit.orgId, rewardId: null, expiresAt: null, expires: null, reason: debit.reference, at: debit.at });
  }

  async balance(userId: string) {
    return this.stored.filter((e) => e.userId === userId).at(-1)?.balanceAfter ?? 0;
  }

  async entries(userId: string) {
    return structuredClone(this.stored.filter((e) => e.userId === userId)).map(({ settled: _settled, ...entry }) => entry);
  }

  async listEntries(userId: string, page: PageRequest) {
    const mine = await this.entries(userId);
    const anchor = page.after ? mine.find((e) => e.id === page.after?.id) : undefined;
    const ordered = page.order === "asc" ? mine : [...mine].reverse();
    const rest = anchor ? ordered.filter((e) => (page.order === "asc" ? e.seq > anchor.seq : e.seq < anchor.seq)) : ordered;
    const items = rest.slice(0, page.limit);
    const last = items.at(-1);
    return rest.length > page.limit && last ? { items, next: { createdAt: last.at, id: last.id } } : { items };
  }

  async usersWithDueExpiries(now: Date, limit: number) {
    const due = this.stored.filter((e) => e.kind === "earn" && e.expiresAt !== null && e.expiresAt <= now && !e.settled);
    return [...new Set(due.map((e) => e.userId))].slice(0, limit);
  }

  async markSettled(entryIds: readonly string[]) {
    for (const entry of this.stored) if (entry.kind === "earn" && entryIds.includes(entry.id)) entry.settled = true;
  }

  async hasEarnedFrom(userId: string, orgId: string) {
    return this.stored.some((e) => e.userId === userId && e.orgId === orgId && e.kind === "earn");
  }

  async usersWithEntriesIn(window: { from: Date; to: Date }, limit: number) {
    return [...new Set(this.stored.filter((e) => e.at >= window.from && e.at < window.to).slice(0, limit).map((e) => e.userId))];
  }

  /** Removes a stored entry, as a lost write would: for reconciliation tests. */
  remove(entryId: string) {
    const index = this.stored.findIndex((e) => e.id === entryId);
    if (index >= 0) this.stored.splice(index, 1);
    this.outboxes.delete(entryId);
  }

  /** Rewrites a stored entry, as a bug or a hand edit of the database would: for reconciliation tests. */
  corrupt(entryId: string, change: Partial<PointsEntry>) {
    const entry = this.stored.find((e) => e.id === entryId);
    if (entry) Object.assign(entry, change);
  }

  all(): PointsEntry[] {
    return structuredClone(this.stored).map(({ settled: _settled, ...entry }) => entry);
  }
}

export class InMemoryWebhookEndpointRepository extends InMemoryAggregateStore<WebhookEndpoint> implements WebhookEndpointRepository {
  async findSubscribed(orgId: string, eventType: string) {
    return this.table.all().filter((e) => e.orgId === orgId && e.eventTypes.includes(eventType) && e.status !== "disabled");
  }

  async remove(id: string) {
    return this.table.delete(id);
  }

  async listByOrg(orgId: string) {
    return byCreation(this.table.all().filter((e) => e.orgId === orgId));
  }
}

function byCreation<T extends { createdAt: Date; id: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

export class InMemoryWebhookMessageRepository extends InMemoryAggregateStore<WebhookMessage> implements WebhookMessageRepository {
  async listStalled(before: Date, limit: number) {
    return this.table.all().filter((message) => isStalled(message, before)).slice(0, limit);
  }

  async listByOrganization(orgId: string, filter: MessageFilter, page: PageRequest) {
    const matches = (m: WebhookMessage) =>
      m.orgId === orgId &&
      (filter.endpointId === undefined || m.endpointId === filter.endpointId) &&
      (filter.eventType === undefined || m.eventType === filter.eventType) &&
      (filter.status === undefined || m.status === filter.status) &&
      (filter.since === undefined || m.createdAt >= filter.since) &&
      (filter.until === undefined || m.createdAt < filter.until);
    return pageOf(this.table.all().filter(matches), page);
  }

  async organizationsWithPayloadsBefore(before: Date) {
    return [...new Set(this.table.all().filter((m) => isPurgeable(m, before)).map((m) => m.orgId))];
  }

  async listPurgeable(orgId: string, cutoff: Date, limit: number) {
    return this.table
      .all()
      .filter((m) => m.orgId === orgId && isPurgeable(m, cutoff))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .slice(0, limit);
  }
}

/** The outbox arrays of the aggregates that have one, relayed into `log`. */
export class InMemoryEventOutbox implements EventOutbox {
  readonly log: DomainEvent[] = [];

  constructor(private readonly sources: Record<OutboxSource["aggregate"], DocumentTable<{ id: string }>>) {}

  async pending(source: OutboxSource) {
    return this.sources[source.aggregate].outbox(source.id);
  }

  async markRelayed(source: OutboxSource, events: readonly DomainEvent[]) {
    for (const event of events) {
      if (!this.log.some((logged) => logged.id === event.id)) this.log.push(structuredClone(event));
    }
    this.sources[source.aggregate].removeFromOutbox(source.id, new Set(events.map((e) => e.id)));
  }

  async stale(before: Date, limit: number) {
    const aggregates = Object.keys(this.sources) as Array<OutboxSource["aggregate"]>;
    return aggregates.flatMap((aggregate) => this.sources[aggregate].staleOutboxes(before).map((id) => ({ aggregate, id }))).slice(0, limit);
  }
}
