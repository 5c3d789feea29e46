import type { PubSub, Topic } from "@google-cloud/pubsub";
import { AppError } from "../../domain/app-error.js";
import type { OperationalEvents } from "../../ports/operational-events.js";
import { operationalEventsTopic } from "./topics.js";

/** Operational events on their own topic, apart from domain events: no subscriber of ours acts on them. */
export function pubsubOperationalEvents(pubsub: PubSub): OperationalEvents {
  let topic: Topic | undefined;
  return {
    async publish(event) {
      topic ??= pubsub.topic(operationalEventsTopic, { batching: { maxMilliseconds: 5 } });
      try {
        await topic.publishMessage({ json: event, attributes: { type: event.type } });
      } catch (error) {
        throw new AppError("unavailable", "Pub/Sub did not accept the operational event", undefined, { cause: error });
      }
    },
  };
}
