import type { DomainEvent } from "../contracts/events.js";

/**
 * Every event our own writes committed. The relay records an event here before it publishes it,
 * so a subscriber can tell a genuine event from one that anyone able to publish could have made.
 */
export interface EventLog {
  /** Records the events; one recorded already is left as it is, so a relay that runs again is harmless. */
  record(events: readonly DomainEvent[]): Promise<void>;
  /** The recorded event with this id, or undefined when none was ever recorded. */
  findById(eventId: string): Promise<DomainEvent | undefined>;
  /**
   * Events that occurred in [from, to), oldest first (ties by id), at most `limit`, starting after
   * `after` when given: a page of a scan that reconciliation walks.
   */
  occurredBetween(window: { from: Date; to: Date }, limit: number, after?: DomainEvent): Promise<DomainEvent[]>;
  /** The same page, of one organization's events only (a replay of what an endpoint missed walks it). */
  ofOrganizationBetween(orgId: string, window: { from: Date; to: Date }, limit: number, after?: DomainEvent): Promise<DomainEvent[]>;
}
