import type { DomainEvent, EventOf, EventType } from "../../../src/contracts/events.js";
import type { TaskPayload } from "../../../src/contracts/tasks.js";
import { AppError } from "../../../src/domain/app-error.js";
import type { Clock } from "../../../src/ports/clock.js";
import type { Logger } from "../../../src/ports/logger.js";
import type { EventPublisher } from "../../../src/ports/event-publisher.js";
import type { IdempotencyState, IdempotencyStore, StoredResponse } from "../../../src/ports/idempotency-store.js";
import type { IdentityVerifier, VerifiedIdentity } from "../../../src/ports/identity-verifier.js";
import type { IdPrefix, Ids } from "../../../src/ports/ids.js";
import type { TaskQueue } from "../../../src/ports/task-queue.js";
import type { SendResult, WebhookSender } from "../../../src/ports/webhook-sender.js";

/** Stands still until a test moves it. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(start: Date) {
    this.current = new Date(start);
  }

  now() {
    return new Date(this.current);
  }

  monotonicMs() {
    return this.current.getTime();
  }

  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** `opp_0000000000000001`, `opp_0000000000000002`, …: readable, and valid for the contracts' id pattern. */
export class SequentialIds implements Ids {
  private readonly counters = new Map<IdPrefix, number>();

  next(prefix: IdPrefix) {
    const count = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, count);
    return `${prefix}_${String(count).padStart(16, "0")}`;
  }
}

/** Records what is published; `down` makes every publish fail as an unreachable Pub/Sub would. */
export class RecordingEventPublisher implements EventPublisher {
  readonly published: DomainEvent[] = [];
  down = false;

  async publish(event: DomainEvent) {
    if (this.down) throw new AppError("unavailable", "Pub/Sub is unreachable");
    this.published.push(structuredClone(event));
  }

  ofType<T extends EventType>(type: T): EventOf<T>[] {
    return this.published.filter((event): event is EventOf<T> => event.type === type);
  }
}

export interface EnqueuedTask {
  payload: TaskPayload;
  delaySeconds?: number;
  name?: string;
}

/** Records tasks; a second task with a name already used is dropped, as Cloud Tasks drops it. */
export class RecordingTaskQueue implements TaskQueue {
  readonly enqueued: EnqueuedTask[] = [];
  down = false;

  async enqueue(payload: TaskPayload, options: { delaySeconds?: number; name?: string } = {}) {
    if (this.down) throw new AppError("unavailable", "Cloud Tasks is unreachable");
    if (options.name !== undefined && this.enqueued.some((task) => task.name === options.name)) return;
    this.enqueued.push(structuredClone({ payload, ...options }));
  }
}

export type WebhookRequest = Parameters<WebhookSender["send"]>[0];

/** Records every request and answers each with `reply`. */
export class RecordingWebhookSender implements WebhookSender {
  readonly attemptTimeoutMs = 15_000;
  readonly requests: WebhookRequest[] = [];
  reply: SendResult = { status: 200, latencyMs: 12 };

  async send(request: WebhookRequest) {
    this.requests.push(structuredClone(request));
    return structuredClone(this.reply);
  }
}

/** Accepts only the tokens it issued, each proving one identity. */
export class FakeIdentityVerifier implements IdentityVerifier {
  private readonly tokens = new Map<string, VerifiedIdentity>();
  /** Tokens revoked since they were issued: refused only when the caller asks for the revocation check, as Firebase does. */
  readonly revoked = new Set<string>();

  issueToken(identityKey: string, claims: Partial<Omit<VerifiedIdentity, "identityKey">> = {}): string {
    const token = `id-token-${this.tokens.size + 1}`;
    this.tokens.set(token, { identityKey, anonymous: false, emailVerified: true, operator: false, ...claims });
    return token;
  }

  async verify(idToken: string, { checkRevoked = false }: { checkRevoked?: boolean } = {}) {
    const identity = this.tokens.get(idToken);
    if (identity === undefined || (checkRevoked && this.revoked.has(idToken))) throw new AppError("unauthenticated", "the ID token is not valid");
    return identity;
  }
}

export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, { fingerprint: string; response?: StoredResponse }>();

  async begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyState> {
    const record = this.records.get(`${scope}\n${key}`);
    if (!record) {
      this.records.set(`${scope}\n${key}`, { fingerprint });
      return { state: "new" };
    }
    if (record.fingerprint !== fingerprint) return { state: "mismatch" };
    return record.response ? { state: "replay", response: structuredClone(record.response) } : { state: "in_progress" };
  }

  async complete(scope: string, key: string, response: StoredResponse) {
    const record = this.records.get(`${scope}\n${key}`);
    if (record && !record.response) record.response = structuredClone(response);
  }

  async release(scope: string, key: string) {
    if (this.records.get(`${scope}\n${key}`)?.response === undefined) this.records.delete(`${scope}\n${key}`);
  }
}

export interface LogEntry {
  level: "info" | "warn" | "error";
  code: string;
  fields: Record<string, unknown>;
}

/** Keeps every log entry, so a test can assert that a failure was reported, not swallowed. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  info(code: string, fields: Record<string, unknown> = {}) {
    this.entries.push({ level: "info", code, fields });
  }

  warn(code: string, fields: Record<string, unknown> = {}) {
    this.entries.push({ level: "warn", code, fields });
  }

  error(code: string, fields: Record<string, unknown> = {}) {
    this.entries.push({ level: "error", code, fields });
  }
}
