import { randomBytes } from "node:crypto";
import type { WebhookEndpointIn, WebhookEndpointOut } from "../../contracts/organizations.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OrganizationRepository, WebhookEndpointRepository } from "../../ports/repositories.js";
import { loadOrganizationFor } from "./load-organization.js";
import { presentWebhookEndpoint } from "./present.js";

/** Subscribes a URL to event types with a fresh `whsec_` signing secret (Standard Webhooks: 24–64 random bytes). */
export async function createWebhookEndpoint(
  deps: { organizations: OrganizationRepository; webhookEndpoints: WebhookEndpointRepository; ids: Ids; clock: Clock },
  principal: Principal,
  orgId: string,
  input: WebhookEndpointIn,
): Promise<WebhookEndpointOut> {
  await loadOrganizationFor(deps.organizations, orgId, principal, { roles: ["owner", "admin", "developer"], scope: "webhooks:write" });
  const endpoint = {
    id: deps.ids.next("whe"),
    orgId,
    url: input.url,
    eventTypes: [...new Set(input.eventTypes)],
    description: input.description,
    secret: `whsec_${randomBytes(32).toString("base64")}`,
    createdAt: deps.clock.now(),
    disabledAt: null,
  };
  await deps.webhookEndpoints.insert(endpoint);
  return presentWebhookEndpoint(endpoint, true);
}
