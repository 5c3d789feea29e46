import type { WebhookEndpointOut } from "../../../contracts/organizations.js";
import type { Principal } from "../../../domain/identity/principal.js";
import { withStatus, type WebhookEndpoint } from "../../../domain/webhooks/webhook-endpoint.js";
import type { Clock } from "../../../ports/clock.js";
import { presentWebhookEndpoint } from "../../organizations/present.js";
import { updateAggregate } from "../../shared/update-aggregate.js";
import { endpointNotFound, loadWebhookEndpointFor, type EndpointDeps } from "./load-webhook-endpoint.js";

/**
 * Disables or enables an endpoint; asking for the status it has already changes nothing. A
 * disabled endpoint is not subscribed to anything (fan-out skips it) and its messages still on
 * their way are held, not attempted (deliver-webhook-message.ts).
 */
export async function setWebhookEndpointStatus(
  deps: EndpointDeps & { clock: Clock },
  principal: Principal,
  orgId: string,
  endpointId: string,
  status: WebhookEndpoint["status"],
): Promise<WebhookEndpointOut> {
  await loadWebhookEndpointFor(deps, principal, orgId, endpointId);
  const saved = await updateAggregate(deps.webhookEndpoints, endpointId, (current) => {
    const next = withStatus(current, status);
    return next && { next };
  });
  if (!saved) throw endpointNotFound();
  return presentWebhookEndpoint(saved, deps.clock.now());
}
