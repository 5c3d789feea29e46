import type { WebhookEndpointOut } from "../../../contracts/organizations.js";
import type { Principal } from "../../../domain/identity/principal.js";
import type { Clock } from "../../../ports/clock.js";
import { presentWebhookEndpoint } from "../../organizations/present.js";
import { loadWebhookEndpointFor, type EndpointDeps } from "./load-webhook-endpoint.js";

/** One endpoint of the organization, without its secret. */
export async function getWebhookEndpoint(deps: EndpointDeps & { clock: Clock }, principal: Principal, orgId: string, endpointId: string): Promise<WebhookEndpointOut> {
  return presentWebhookEndpoint(await loadWebhookEndpointFor(deps, principal, orgId, endpointId), deps.clock.now());
}
