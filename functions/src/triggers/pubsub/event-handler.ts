import type { DeadLetterTopic, ReceivedMessage } from "../../adapters/pubsub/dead-letter-topic.js";
import { consumeEvent, type ConsumeDeps } from "../../app/events/consume-event.js";
import type { ConsumerName } from "../../app/events/consumers.js";
import { DomainEvent } from "../../contracts/events.js";
import type { EventLog } from "../../ports/event-log.js";
import type { FaultInjector } from "../../ports/fault-injector.js";
import { describe } from "../../app/events/relay-outbox.js";
import { childOf, parseTraceparent, runInTrace } from "../../adapters/trace-context.js";
import { verifyEvent } from "./verify-event.js";

/** What a subscriber needs: the log to verify an event, where refused messages go, and the consumer's own deps. */
export type EventHandlerDeps = ConsumeDeps & {
  eventLog: Pick<EventLog, "findById">;
  deadLetters: DeadLetterTopic;
  faults: FaultInjector;
};

/** The part of an `onMessagePublished` CloudEvent a subscriber reads. */
export interface PublishedMessageEvent {
  data: { message: ReceivedMessage };
}

export type EventHandler = (message: PublishedMessageEvent) => Promise<void>;

/**
 * The subscriber of the domain-events topic exported as `subscriber` in index.ts, running the
 * consumer of that name (app/events/consumers.ts) once per event (consume-event.ts). It acts only
 * on events our own writes recorded: a message that is not a domain event (`event.malformed`), or
 * whose event the log does not hold as it arrived (`event.unverified`), is logged under that code,
 * published as it came to the dead-letter topic, and acknowledged. Transient failures, of the
 * lookup and the dead letter included, are rethrown so Pub/Sub redelivers with backoff.
 */
export function eventHandler(subscriber: ConsumerName, getDeps: () => EventHandlerDeps): EventHandler {
  return async ({ data: { message } }) => {
    const deps = getDeps();
    const parsed = DomainEvent.safeParse(decode(message.data));
    if (!parsed.success) {
      deps.logger.warn("event.malformed", { subscriber, messageId: message.messageId });
      await deps.deadLetters.publish(message, { subscriber, reason: "event.malformed" });
      return;
    }
    const event = parsed.data;
    // A hop of the trace of the work that wrote the event: its logs, and the tasks it enqueues, carry it on.
    await runInTrace(childOf(parseTraceparent(event.traceparent)), () => handleEvent(deps, subscriber, message, event));
  };
}

async function handleEvent(deps: EventHandlerDeps, subscriber: ConsumerName, message: ReceivedMessage, event: DomainEvent): Promise<void> {
  try {
    const verdict = await verifyEvent(deps.eventLog, event);
    if (verdict !== "recorded") {
      deps.logger.warn("event.unverified", { subscriber, messageId: message.messageId, eventId: event.id, type: event.type, verdict });
      await deps.deadLetters.publish(message, { subscriber, reason: "event.unverified" });
      return;
    }
    // The chaos suite arms this point to make a subscriber fail on a type of event as an outage would.
    await deps.faults.failIfInjected(`subscriber.${subscriber}.${event.type}`);
    const result = await consumeEvent(deps, subscriber, event);
    deps.logger.info(result.handled ? "event.handled" : "event.skipped", {
      subscriber,
      eventId: event.id,
      type: event.type,
      ...(result.handled ? { outcome: result.outcome } : { reason: result.reason }),
    });
  } catch (error) {
    deps.logger.warn("event.retry", { subscriber, eventId: event.id, type: event.type, cause: describe(error) });
    throw error;
  }
}

function decode(base64: string | undefined): unknown {
  try {
    return JSON.parse(Buffer.from(base64 ?? "", "base64").toString("utf8"));
  } catch {
    return undefined;
  }
}
