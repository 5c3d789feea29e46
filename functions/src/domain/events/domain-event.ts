import type { EventOf, EventType } from "../../contracts/events.js";

/** A new event, stamped with its id and time; it leaves through the writer's outbox. */
export function domainEvent<T extends EventType>(type: T, orgId: string, data: EventOf<T>["data"], id: string, now: Date): EventOf<T> {
  return { id, type, version: 1, orgId, occurredAt: now.toISOString(), data } as EventOf<T>;
}
