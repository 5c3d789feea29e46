import type { WebhookEndpointOut, WebhookEndpointPatch } from "../../../contracts/organizations.js";
import type { Principal } from "../../../domain/identity/principal.js";
import { withEndpointUpdated } from "../../../domain/webhooks/webhook-endpoint.js";
import type { Clock } from "../../../ports/clock.js";
import type { DestinationPolicy } from "../../../ports/destination-policy.js";
import { presentWebhookEndpoint } from "../../organizations/present.js";
import { updateAggregate } from "../../shared/update-aggregate.js";
import { endpointNotFound, loadWebhookEndpointFor, type EndpointDeps } from "./load-webhook-endpoint.js";

/**
 * Changes what `patch` names. A new URL is judged by the destination policy first, as at
 * registration: a refused URL changes nothing. Each delivery attempt reads the endpoint afresh,
 * so messages already on their way go to the new URL from their next attempt.
 */
export async function updateWebhookEndpoint(
  deps: EndpointDeps & { destinations: DestinationPolicy; clock: Clock },
  principal: Principal,
  orgId: string,
  endpointId: string,
  patch: WebhookEndpointPatch,
): Promise<WebhookEndpointOut> {
  await loadWebhookEndpointFor(deps, principal, orgId, endpointId);
  if (patch.url !== undefined) await deps.destinations.assertAllowed(patch.url);
  const saved = await updateAggregate(deps.webhookEndpoints, endpointId, (current) => ({ next: withEndpointUpdated(current, patch) }));
  if (!saved) throw endpointNotFound();
  return presentWebhookEndpoint(saved, deps.clock.now());
}
