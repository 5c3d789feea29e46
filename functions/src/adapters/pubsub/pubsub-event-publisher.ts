import type { PubSub, Topic } from "@google-cloud/pubsub";
import type { DomainEvent } from "../../contracts/events.js";
import { AppError } from "../../domain/app-error.js";
import type { EventPublisher } from "../../ports/event-publisher.js";
import { domainEventsTopic } from "./topics.js";


// A publish that cannot finish quickly is handed to the relay task instead of holding the request.
const publishTimeoutMs = 3_000;

export function pubsubEventPublisher(pubsub: PubSub): EventPublisher {
  let topic: Topic | undefined;
  return {
    async publish(event: DomainEvent) {
      topic ??= pubsub.topic(domainEventsTopic, { gaxOpts: { timeout: publishTimeoutMs, retry: null }, batching: { maxMilliseconds: 5 } });
      try {
        await topic.publishMessage({ json: event, attributes: { type: event.type, eventId: event.id, orgId: event.orgId } });
      } catch (error) {
        throw new AppError("unavailable", "Pub/Sub did not accept the event", undefined, { cause: error });
      }
    },
  };
}
