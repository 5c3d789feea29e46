import type { z } from "zod";
import type { WebhookSettingsPatch } from "../../contracts/webhooks.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import { retentionDaysOf } from "../../domain/webhooks/retention.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { updateAggregate } from "../shared/update-aggregate.js";

/** The organization's webhook settings, for members and keys with webhooks:read. */
export async function getWebhookSettings(deps: { organizations: OrganizationRepository }, principal: Principal, orgId: string) {
  const org = await loadOrganizationFor(deps.organizations, orgId, principal, "webhooks:read");
  return { messageRetentionDays: retentionDaysOf(org) };
}

/** Sets how long the organization's message payloads are kept; the purge applies it from its next run. */
export async function updateWebhookSettings(deps: { organizations: OrganizationRepository }, principal: Principal, orgId: string, patch: z.infer<typeof WebhookSettingsPatch>) {
  await loadOrganizationFor(deps.organizations, orgId, principal, "webhooks:write");
  const saved = await updateAggregate(deps.organizations, orgId, (current) =>
    current.webhookRetentionDays === patch.messageRetentionDays ? null : { next: { ...current, webhookRetentionDays: patch.messageRetentionDays } },
  );
  if (!saved) throw new AppError("not_found", "organization not found");
  return { messageRetentionDays: retentionDaysOf(saved) };
}
