import { isDeepStrictEqual } from "node:util";
import type { DomainEvent } from "../../contracts/events.js";
import type { EventLog } from "../../ports/event-log.js";

/** What the event log says of an event that arrived: ours as recorded, unknown, or differing from the record. */
export type EventVerdict = "recorded" | "unknown" | "differs";

/**
 * Compares an event that arrived with the one our write recorded under its id. Anyone allowed to
 * publish to the topic can send a well-formed event; only the log says whether we wrote it.
 */
export async function verifyEvent(eventLog: Pick<EventLog, "findById">, event: DomainEvent): Promise<EventVerdict> {
  const recorded = await eventLog.findById(event.id);
  if (!recorded) return "unknown";
  return sameEvent(recorded, event) ? "recorded" : "differs";
}

// Times are compared as instants: the log stores a date, so its ISO form may differ in precision.
function sameEvent(recorded: DomainEvent, arrived: DomainEvent): boolean {
  return (
    recorded.type === arrived.type &&
    recorded.version === arrived.version &&
    recorded.orgId === arrived.orgId &&
    Date.parse(recorded.occurredAt) === Date.parse(arrived.occurredAt) &&
    isDeepStrictEqual(recorded.data, arrived.data)
  );
}
