import type { DomainEvent } from "../../contracts/events.js";
import type { Aggregate } from "../../domain/aggregate.js";
import { AppError } from "../../domain/app-error.js";
import type { AggregateStore } from "../../ports/aggregate-store.js";

/** A decided change: the aggregate's next state and the events the change causes. */
export interface Change<A> {
  next: A;
  events?: readonly DomainEvent[];
}

/**
 * The one way an aggregate changes: read it, let `decide` compute the change with a domain
 * function (null: nothing to change), and save it against the version read. `decide` may be
 * asynchronous to make something the change relies on exist before it lands (a named task
 * scheduled for the state it decided on): it must be idempotent, since a lost race decides again. When another write
 * lands first, the change is decided again on a fresh read, so no decision is ever made on stale
 * state. Returns the aggregate as saved (or as read, when nothing changed); null when it does not exist.
 *
 * Each lost race means another write landed, so N writers racing once each settle within N
 * attempts: the default covers twenty at once (11 racing patches of one draft once exhausted a
 * bound of 10). Between attempts a short random wait, growing with each loss, keeps the racers
 * from meeting again in lockstep.
 */
export async function updateAggregate<A extends Aggregate>(
  store: AggregateStore<A>,
  id: string,
  decide: (current: A) => Change<A> | null | Promise<Change<A> | null>,
  { attempts = 20 }: { attempts?: number } = {},
): Promise<A | null> {
  for (let attempt = 1; ; attempt++) {
    const current = await store.findById(id);
    if (!current) return null;
    const change = await decide(current);
    if (!change) return current;
    try {
      return await store.save(change.next, current.version, change.events);
    } catch (error) {
      if (!isConflict(error) || attempt >= attempts) throw error;
      await jitteredPause(attempt);
    }
  }
}

/** Up to 2, 4, 8 … 32 ms after the first, second, third … loss: a random share of it (jitter, not an id). */
const jitteredPause = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** Math.min(attempt, 5)));

/** Inserts a new aggregate unless its id or a unique key is taken; true when this call inserted it. */
export async function insertIfAbsent<A extends Aggregate>(store: AggregateStore<A>, aggregate: A, events?: readonly DomainEvent[]): Promise<boolean> {
  try {
    await store.insert(aggregate, events);
    return true;
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
}

export const isConflict = (error: unknown): boolean => error instanceof AppError && error.code === "conflict";
