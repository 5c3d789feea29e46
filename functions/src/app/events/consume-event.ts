import type { DomainEvent } from "../../contracts/events.js";
import { AppError } from "../../domain/app-error.js";
import type { Clock } from "../../ports/clock.js";
import type { Inbox } from "../../ports/inbox.js";
import type { Logger } from "../../ports/logger.js";
import { eventConsumers, type ConsumerDeps, type ConsumerName } from "./consumers.js";

export type ConsumeDeps = ConsumerDeps & { inbox: Inbox; clock: Clock; logger: Logger };

export type ConsumeOutcome = { handled: true; outcome: string } | { handled: false; reason: "already_handled" };

/**
 * Hands a verified event to one consumer, once: an event its inbox holds is skipped, and one it
 * handled is recorded after the handling, so a crash in between makes the next delivery handle it
 * again (every consumer is idempotent) rather than lose it. An event that can never be handled (a
 * refusal other than `unavailable`) is recorded as `failed:<code>` and logged under
 * `event.failed_for_good`; a transient failure is thrown for the platform to redeliver.
 */
export async function consumeEvent(deps: ConsumeDeps, consumer: ConsumerName, event: DomainEvent): Promise<ConsumeOutcome> {
  if (await deps.inbox.has(consumer, event.id)) return { handled: false, reason: "already_handled" };
  let outcome: string;
  try {
    outcome = await eventConsumers[consumer](deps, event);
  } catch (error) {
    if (!(error instanceof AppError) || error.code === "unavailable") throw error;
    deps.logger.error("event.failed_for_good", { consumer, eventId: event.id, type: event.type, code: error.code, message: error.message });
    outcome = `failed:${error.code}`;
  }
  await deps.inbox.record({ consumer, eventId: event.id, eventType: event.type, outcome, handledAt: deps.clock.now() });
  return { handled: true, outcome };
}
