import type { DomainEvent } from "../contracts/events.js";

/** Publishes domain events to subscribers (Pub/Sub in production); at least once. */
export interface EventPublisher {
  publish(event: DomainEvent): Promise<void>;
}
