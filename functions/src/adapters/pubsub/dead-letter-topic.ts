import type { PubSub, Topic } from "@google-cloud/pubsub";
import { AppError } from "../../domain/app-error.js";
import { domainEventsDeadLetterTopic } from "./topics.js";

/** A Pub/Sub message as a push subscriber receives it: data in base64, attributes, id. */
export interface ReceivedMessage {
  data?: string;
  attributes?: Readonly<Record<string, string>>;
  messageId?: string;
}

/** Why a subscriber refused a message, and which subscriber: carried as attributes of the dead letter. */
export interface Refusal {
  subscriber: string;
  reason: string;
}

/** Keeps messages a subscriber refused, as they arrived, for an operator to inspect. */
export interface DeadLetterTopic {
  publish(message: ReceivedMessage, refusal: Refusal): Promise<void>;
}

// Pub/Sub takes at most 100 attributes a message; the refused message's own come after ours.
const maxAttributes = 100;

/** The dead-letter topic of domain-events: the raw bytes, the original attributes, and why. */
export function pubsubDeadLetterTopic(pubsub: PubSub): DeadLetterTopic {
  let topic: Topic | undefined;
  return {
    async publish(message, refusal) {
      topic ??= pubsub.topic(domainEventsDeadLetterTopic, { batching: { maxMilliseconds: 5 } });
      const ours: Record<string, string> = {
        deadLetterReason: refusal.reason,
        deadLetterSubscriber: refusal.subscriber,
        ...(message.messageId ? { originalMessageId: message.messageId } : {}),
      };
      const theirs = Object.entries(message.attributes ?? {}).filter(([key]) => !Object.hasOwn(ours, key));
      const attributes = { ...Object.fromEntries(theirs.slice(0, maxAttributes - Object.keys(ours).length)), ...ours };
      try {
        await topic.publishMessage({ data: Buffer.from(message.data ?? "", "base64"), attributes });
      } catch (error) {
        throw new AppError("unavailable", "Pub/Sub did not accept the dead letter", undefined, { cause: error });
      }
    },
  };
}
