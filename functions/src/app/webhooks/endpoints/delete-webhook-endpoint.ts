import type { WebhookEndpointOut } from "../../../contracts/organizations.js";
import type { Principal } from "../../../domain/identity/principal.js";
import type { Clock } from "../../../ports/clock.js";
import { presentWebhookEndpoint } from "../../organizations/present.js";
import { endpointNotFound, loadWebhookEndpointFor, type EndpointDeps } from "./load-webhook-endpoint.js";

/**
 * Deletes the endpoint for good and answers with what it was. Its messages still on their way
 * find no endpoint at their next attempt and are dropped (deliver-webhook-message.ts); deleting
 * again answers not_found.
 */
export async function deleteWebhookEndpoint(deps: EndpointDeps & { clock: Clock }, principal: Principal, orgId: string, endpointId: string): Promise<WebhookEndpointOut> {
  const endpoint = await loadWebhookEndpointFor(deps, principal, orgId, endpointId);
  if (!(await deps.webhookEndpoints.remove(endpointId))) throw endpointNotFound();
  return presentWebhookEndpoint(endpoint, deps.clock.now());
}
