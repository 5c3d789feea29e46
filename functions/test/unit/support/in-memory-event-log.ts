import type { DomainEvent } from "../../../src/contracts/events.js";
import type { EventLog } from "../../../src/ports/event-log.js";

/**
 * The `events` collection: one entry per event id, the first recording kept. It shares its list
 * with the in-memory outbox, whose `markRelayed` records into the same log, as the Mongo adapters
 * share one collection.
 */
export class InMemoryEventLog implements EventLog {
  constructor(readonly entries: DomainEvent[] = []) {}

  async record(events: readonly DomainEvent[]) {
    for (const event of events) {
      if (!this.entries.some((logged) => logged.id === event.id)) this.entries.push(structuredClone(event));
    }
  }

  async findById(eventId: string) {
    const found = this.entries.find((logged) => logged.id === eventId);
    return found && structuredClone(found);
  }

  async occurredBetween({ from, to }: { from: Date; to: Date }, limit: number, after?: DomainEvent) {
    const key = (event: DomainEvent) => `${new Date(event.occurredAt).toISOString()}|${event.id}`;
    return this.entries
      .filter((event) => new Date(event.occurredAt) >= from && new Date(event.occurredAt) < to && (!after || key(event) > key(after)))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1))
      .slice(0, limit)
      .map((event) => structuredClone(event));
  }

  async ofOrganizationBetween(orgId: string, window: { from: Date; to: Date }, limit: number, after?: DomainEvent) {
    return new InMemoryEventLog(this.entries.filter((event) => event.orgId === orgId)).occurredBetween(window, limit, after);
  }
}
