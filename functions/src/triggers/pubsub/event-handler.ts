import type { CloudEvent } from "firebase-functions/v2";
import type { MessagePublishedData } from "firebase-functions/v2/pubsub";
import { DomainEvent } from "../../contracts/events.js";
import { AppError } from "../../domain/app-error.js";
import { logger } from "../../http/logger.js";

export type EventHandler = (message: CloudEvent<MessagePublishedData>) => Promise<void>;

/**
 * A subscriber of the domain-events topic. A message that is not a known event is logged and
 * acknowledged; transient failures are rethrown so Pub/Sub redelivers.
 */
export function eventHandler(run: (event: DomainEvent) => Promise<string | undefined>): EventHandler {
  return async (message) => {
    const parsed = DomainEvent.safeParse(decode(message.data.message.data));
    if (!parsed.success) {
      logger.warn("ignoring a message that is not a known domain event", { messageId: message.data.message.messageId });
      return;
    }
    try {
      const outcome = await run(parsed.data);
      if (outcome) logger.info(outcome, { eventId: parsed.data.id, type: parsed.data.type });
    } catch (error) {
      if (error instanceof AppError && error.code !== "unavailable") {
        logger.error("event handling failed for good", { eventId: parsed.data.id, code: error.code, message: error.message });
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
