import { earliestCutoff, isPurgeable, retentionCutoff, retentionDaysOf, withPayloadPurged } from "../../domain/webhooks/retention.js";
import type { Clock } from "../../ports/clock.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { WebhookMessageRepository } from "../../ports/webhook-message-repository.js";
import { updateAggregate } from "../shared/update-aggregate.js";

export interface PurgeDeps {
  organizations: OrganizationRepository;
  webhookMessages: WebhookMessageRepository;
  clock: Clock;
}

const purgePage = 100;

/**
 * The retention schedule: removes the payload of every settled message older than its
 * organization's retention (90 days unless it set another), keeping the message and its attempts.
 * Each message is saved like any change (versioned), so a delivery saving at the same moment
 * either lands first and is purged on a fresh read, or finds the payload gone. A run that stops
 * leaves the rest to the next; `limit` bounds one run's work.
 */
export async function purgeWebhookPayloads(deps: PurgeDeps, { limit = 5_000 }: { limit?: number } = {}): Promise<{ organizations: number; purged: number }> {
  const now = deps.clock.now();
  const orgIds = await deps.webhookMessages.organizationsWithPayloadsBefore(earliestCutoff(now));
  let purged = 0;
  for (const orgId of orgIds) {
    const org = await deps.organizations.findById(orgId);
    if (!org) continue;
    const cutoff = retentionCutoff(retentionDaysOf(org), now);
    while (purged < limit) {
      const messages = await deps.webhookMessages.listPurgeable(orgId, cutoff, Math.min(purgePage, limit - purged));
      for (const message of messages) {
        await updateAggregate(deps.webhookMessages, message.id, (current) => (isPurgeable(current, cutoff) ? { next: withPayloadPurged(current, now) } : null));
        purged++;
      }
      if (messages.length < purgePage) break;
    }
    if (purged >= limit) break;
  }
  return { organizations: orgIds.length, purged };
}
