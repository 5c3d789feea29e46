import type { z } from "zod";
import type { DomainEvent } from "../../contracts/events.js";
import type { ReplayMissingIn } from "../../contracts/webhooks.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import { isOperationalEvent } from "../../domain/webhooks/operational-events.js";
import type { WebhookEndpoint } from "../../domain/webhooks/webhook-endpoint.js";
import { messageFor } from "../../domain/webhooks/webhook-message.js";
import type { Clock } from "../../ports/clock.js";
import type { EventLog } from "../../ports/event-log.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import type { WebhookEndpointRepository } from "../../ports/webhook-endpoint-repository.js";
import type { WebhookMessageRepository } from "../../ports/webhook-message-repository.js";
import { insertIfAbsent } from "../shared/update-aggregate.js";
import { loadWebhookEndpointFor } from "./endpoints/load-webhook-endpoint.js";
import type { ReplayDeps } from "./replay-webhook-messages.js";

/**
 * Queues the replay of what an endpoint missed since a time, up to now: the replay task
 * (`replayMissingEvents`) walks the organization's event log, so a replay of months never runs
 * inside the request. `until` is fixed here, so the task sends what happened before it was asked.
 */
export async function replayMissingWebhookMessages(deps: ReplayDeps, principal: Principal, orgId: string, endpointId: string, body: z.infer<typeof ReplayMissingIn>) {
  const endpoint = await loadWebhookEndpointFor(deps, principal, orgId, endpointId);
  const until = deps.clock.now();
  if (new Date(body.since) > until) {
    throw new AppError("validation_failed", "since is in the future", { errors: [{ location: "body.since", message: "must not be in the future" }] });
  }
  const replayId = deps.ids.next("rpl");
  await deps.tasks.enqueue({ kind: "webhook.replay.v1", endpointId: endpoint.id, since: body.since, until: until.toISOString(), replayId }, { name: replayId });
  return { endpointId: endpoint.id, replayId, since: body.since, until: until.toISOString() };
}

/**
 * Whether the endpoint, as it is now, takes the event: its event types name it, and it is not an
 * operational event about the endpoint itself (fan-out never sends those to it either).
 */
export function endpointTakes(endpoint: WebhookEndpoint, event: DomainEvent): boolean {
  if (!endpoint.eventTypes.includes(event.type)) return false;
  return !(isOperationalEvent(event.type) && "endpointId" in event.data && event.data.endpointId === endpoint.id);
}

export interface ReplayMissingDeps {
  eventLog: EventLog;
  webhookEndpoints: WebhookEndpointRepository;
  webhookMessages: WebhookMessageRepository;
  tasks: TaskQueue;
  clock: Clock;
}

const replayPage = 100;

/**
 * The replay task: for each event of the endpoint's organization in [since, until) (never before
 * the endpoint existed) that it takes now and has no message for, the message fan-out would have
 * made, with the same id, and its first delivery task. An event that already has a message (sent,
 * on its way, or failed: recovering that is `recover`'s work) is left alone, so a replay run again,
 * or a second replay over the same time, delivers nothing twice. A message found pending with no
 * attempt gets its task again, named after it: the run that made it may have stopped before
 * queueing it, and a second task for one attempt makes none. A disabled or deleted endpoint is
 * sent nothing. Returns how many messages it made.
 */
export async function replayMissingEvents(deps: ReplayMissingDeps, task: { endpointId: string; since: string; until: string }): Promise<number> {
  const endpoint = await deps.webhookEndpoints.findById(task.endpointId);
  if (!endpoint || endpoint.status === "disabled") return 0;
  const window = { from: new Date(Math.max(new Date(task.since).getTime(), endpoint.createdAt.getTime())), to: new Date(task.until) };
  let made = 0;
  let after: DomainEvent | undefined;
  for (;;) {
    const events = await deps.eventLog.ofOrganizationBetween(endpoint.orgId, window, replayPage, after);
    for (const event of events) {
      if (!endpointTakes(endpoint, event)) continue;
      const message = messageFor(event, endpoint.id, deps.clock.now());
      const inserted = await insertIfAbsent(deps.webhookMessages, message);
      if (inserted) made++;
      else {
        const existing = await deps.webhookMessages.findById(message.id);
        if (!existing || existing.status !== "pending" || existing.attempts.length > 0) continue;
      }
      await deps.tasks.enqueue({ kind: "webhook.deliver.v1", messageId: message.id, attempt: 1 }, { name: message.id });
    }
    if (events.length < replayPage) return made;
    after = events.at(-1);
  }
}
