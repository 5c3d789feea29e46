import { deferred, isStalled, scheduledAttempts, type WebhookMessage } from "../../domain/webhooks/webhook-message.js";
import type { Clock } from "../../ports/clock.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import type { WebhookMessageRepository } from "../../ports/webhook-message-repository.js";
import { updateAggregate } from "../shared/update-aggregate.js";

export interface RedriveDeps {
  webhookMessages: WebhookMessageRepository;
  tasks: TaskQueue;
  clock: Clock;
}

/**
 * Gives a delivery task again to every pending message nothing has happened to since `olderThan`:
 * its task was lost (a task server that lost its queue) or gave up while its endpoint's gate kept
 * it waiting. Each message is first marked as active by a versioned save, so of two runs at once
 * only one enqueues it. Returns the messages redriven.
 */
export async function redriveStalledMessages(deps: RedriveDeps, { olderThan, limit }: { olderThan: Date; limit: number }): Promise<WebhookMessage[]> {
  const redriven: WebhookMessage[] = [];
  for (const candidate of await deps.webhookMessages.listStalled(olderThan, limit)) {
    let claimed = false;
    // Decided afresh on every read: a save that lost the race to another run reads again and finds it active.
    await updateAggregate(deps.webhookMessages, candidate.id, (current) => {
      claimed = isStalled(current, olderThan);
      return claimed ? { next: deferred(current, deps.clock.now()) } : null;
    });
    if (!claimed) continue;
    await deps.tasks.enqueue({ kind: "webhook.deliver.v1", messageId: candidate.id, attempt: scheduledAttempts(candidate) + 1 });
    redriven.push(candidate);
  }
  return redriven;
}
