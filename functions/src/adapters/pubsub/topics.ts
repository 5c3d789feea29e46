import type { PubSub } from "@google-cloud/pubsub";
import { cloudResources, declaredTopic } from "../../cloud-resources.js";
import { isAlreadyExists } from "../grpc-errors.js";

/** The topic every domain event goes to; every subscriber receives every event and handles the types it needs. */
export const domainEventsTopic = declaredTopic("domain-events");

/** Where the subscribers of domain-events put the messages they refuse to act on: its `deadLetterTopic` in cloud-resources.json. */
export const domainEventsDeadLetterTopic = declaredTopic(cloudResources.topics[domainEventsTopic]?.deadLetterTopic ?? `a dead-letter topic of ${domainEventsTopic}`);

/** Where operators hear of what needs them, such as an invariant reconciliation found broken. */
export const operationalEventsTopic = declaredTopic("operational-events");

/** Creates every topic declared in cloud-resources.json, dead-letter topics included; existing topics are left as they are. */
export async function ensureTopics(pubsub: PubSub): Promise<string[]> {
  const created: string[] = [];
  for (const name of Object.keys(cloudResources.topics)) {
    try {
      await pubsub.createTopic(name);
      created.push(name);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }
  return created;
}
