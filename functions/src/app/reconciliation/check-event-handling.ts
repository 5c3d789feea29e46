import type { EventLog } from "../../ports/event-log.js";
import type { TimeWindow } from "../../ports/reconciliation-reads.js";
import { consumeEvent, type ConsumeDeps } from "../events/consume-event.js";
import { consumerNames } from "../events/consumers.js";
import type { Break } from "./report-break.js";

export type EventHandlingDeps = ConsumeDeps & { eventLog: EventLog };

const pageSize = 200;

/**
 * Every event in the log was handled by every consumer: each receives every event, so each inbox
 * must name each one. An event a consumer never handled (a delivery lost with a restarted Pub/Sub,
 * or dead-lettered after its attempts) is handed to that consumer now, in process, through the
 * same inbox; that repair is always safe, since a consumer is idempotent and its inbox skips what
 * it handled meanwhile.
 */
export async function checkEventHandling(deps: EventHandlingDeps, window: TimeWindow, limit: number): Promise<{ checked: number; breaks: Break[] }> {
  const breaks: Break[] = [];
  let checked = 0;
  let after;
  while (checked < limit) {
    const events = await deps.eventLog.occurredBetween(window, Math.min(pageSize, limit - checked), after);
    if (events.length === 0) break;
    checked += events.length;
    after = events.at(-1);
    for (const consumer of consumerNames) {
      const handled = await deps.inbox.handledOf(consumer, events.map((event) => event.id));
      for (const event of events.filter((candidate) => !handled.has(candidate.id))) {
        const result = await consumeEvent(deps, consumer, event).then(
          (outcome) => ({ repaired: true, outcome: outcome.handled ? outcome.outcome : outcome.reason }),
          (error: unknown) => ({ repaired: false, outcome: String(error) }),
        );
        breaks.push({
          invariant: "event_handled",
          subject: event.id,
          detail: `${consumer} had not handled ${event.type}`,
          repaired: result.repaired,
          fields: { consumer, type: event.type, outcome: result.outcome },
        });
      }
    }
  }
  return { checked, breaks };
}
