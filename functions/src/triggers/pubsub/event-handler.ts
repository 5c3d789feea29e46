import type { DeadLetterTopic, ReceivedMessage } from "../../adapters/pubsub/dead-letter-topic.js";
import { DomainEvent } from "../../contracts/events.js";
import { AppError } from "../../domain/app-error.js";
import { logger } from "../../http/logger.js";
import type { EventLog } from "../../ports/event-log.js";
import type { Logger } from "../../ports/logger.js";
import { verifyEvent } from "./verify-event.js";

/** What a subscriber needs before it acts on an event: the log to verify it, and where refused messages go. */
export interface EventHandlerDeps {
  eventLog: Pick<EventLog, "findById">;
  deadLetters: DeadLetterTopic;
  logger: Logger;
}

/** The part of an `onMessagePublished` CloudEvent a subscriber reads. */
export interface PublishedMessageEvent {
  data: { message: ReceivedMessage };
}

export type EventHandler = (message: PublishedMessageEvent) => Promise<void>;

/**
 * A subscriber of the domain-events topic, exported under `subscriber` in index.ts. It acts only
 * on events our own writes recorded: a message that is not a domain event (`event.malformed`), or
 * whose event the log does not hold as it arrived (`event.unverified`), is logged under that code,
 * published as it came to the dead-letter topic, and acknowledged. Transient failures, of the
 * lookup and the dead letter included, are rethrown so Pub/Sub redelivers.
 */
export function eventHandler<D extends EventHandlerDeps>(
  subscriber: string,
  getDeps: () => D,
  run: (deps: D, event: DomainEvent) => Promise<string | undefined>,
): EventHandler {
  return async ({ data: { message } }) => {
    const deps = getDeps();
    const parsed = DomainEvent.safeParse(decode(message.data));
    if (!parsed.success) {
      deps.logger.warn("event.malformed", { subscriber, messageId: message.messageId });
      await deps.deadLetters.publish(message, { subscriber, reason: "event.malformed" });
      return;
    }
    const event = parsed.data;
    try {
      const verdict = await verifyEvent(deps.eventLog, event);
      if (verdict !== "recorded") {
        deps.logger.warn("event.unverified", { subscriber, messageId: message.messageId, eventId: event.id, type: event.type, verdict });
        await deps.deadLetters.publish(message, { subscriber, reason: "event.unverified" });
        return;
      }
      const outcome = await run(deps, event);
      if (outcome) logger.info(outcome, { eventId: event.id, type: event.type });
    } catch (error) {
      if (error instanceof AppError && error.code !== "unavailable") {
        logger.error("event handling failed for good", { eventId: event.id, code: error.code, message: error.message });
        return;
      }
      throw error;
    }
  };
}

function decode(base64: string | undefined): unknown {
  try {
    return JSON.parse(Buffer.from(base64 ?? "", "base64").toString("utf8"));
  } catch {
    return undefined;
  }
}
