import type { WebhookEndpointIn, WebhookEndpointOut } from "../../contracts/organizations.js";
import type { Principal } from "../../domain/identity/principal.js";
import { registerEndpoint } from "../../domain/webhooks/webhook-endpoint.js";
import type { Clock } from "../../ports/clock.js";
import type { DestinationPolicy } from "../../ports/destination-policy.js";
import type { Ids } from "../../ports/ids.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { WebhookEndpointRepository } from "../../ports/webhook-endpoint-repository.js";
import { loadOrganizationFor } from "./load-organization.js";
import { presentWebhookEndpoint } from "./present.js";

/**
 * Subscribes a URL to event types; the signing secret is shown in this response only. A URL the
 * destination policy refuses is never stored.
 */
export async function createWebhookEndpoint(
  deps: { organizations: OrganizationRepository; webhookEndpoints: WebhookEndpointRepository; destinations: DestinationPolicy; ids: Ids; clock: Clock },
  principal: Principal,
  orgId: string,
  input: WebhookEndpointIn,
): Promise<WebhookEndpointOut> {
  await loadOrganizationFor(deps.organizations, orgId, principal, "webhooks:write");
  await deps.destinations.assertAllowed(input.url);
  const endpoint = registerEndpoint(orgId, input, deps.ids.next("whe"), deps.clock.now());
  await deps.webhookEndpoints.insert(endpoint);
  return presentWebhookEndpoint(endpoint, deps.clock.now(), { includeSecret: true });
}
