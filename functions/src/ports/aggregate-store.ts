import type { DomainEvent } from "../contracts/events.js";
import type { Aggregate } from "../domain/aggregate.js";

/**
 * Loads and stores one kind of aggregate; it decides nothing. Every change is computed by a domain
 * function on a read aggregate and saved optimistically: `save` lands only while the stored
 * version is still the one the change was decided on, together with the events the change caused,
 * in one atomic write. A lost race throws AppError `conflict`, and the use case decides again on a
 * fresh read (see app/shared/update-aggregate.ts).
 */
export interface AggregateStore<A extends Aggregate> {
  findById(id: string): Promise<A | null>;
  /** Stores a new aggregate with the events its creation caused; AppError `conflict` when its id or a unique key is taken. */
  insert(aggregate: A, events?: readonly DomainEvent[]): Promise<void>;
  /** Stores `next` as version `expectedVersion + 1` and returns it; AppError `conflict` when the stored version moved on. */
  save(next: A, expectedVersion: number, events?: readonly DomainEvent[]): Promise<A>;
}
