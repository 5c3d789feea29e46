import { AppError } from "../../../domain/app-error.js";
import type { Principal } from "../../../domain/identity/principal.js";
import type { WebhookEndpoint } from "../../../domain/webhooks/webhook-endpoint.js";
import type { OrganizationRepository } from "../../../ports/organization-repository.js";
import type { WebhookEndpointRepository } from "../../../ports/webhook-endpoint-repository.js";
import { loadOrganizationFor } from "../../organizations/load-organization.js";

export interface EndpointDeps {
  organizations: OrganizationRepository;
  webhookEndpoints: WebhookEndpointRepository;
}

/**
 * Checks the principal may manage (or, with `webhooks:read`, see) the organization's webhooks, then loads the endpoint; an
 * endpoint of another organization is not_found, like one that does not exist.
 */
export async function loadWebhookEndpointFor(
  deps: EndpointDeps,
  principal: Principal,
  orgId: string,
  endpointId: string,
  permission: "webhooks:read" | "webhooks:write" = "webhooks:write",
): Promise<WebhookEndpoint> {
  await loadOrganizationFor(deps.organizations, orgId, principal, permission);
  const endpoint = await deps.webhookEndpoints.findById(endpointId);
  if (!endpoint || endpoint.orgId !== orgId) throw endpointNotFound();
  return endpoint;
}

export const endpointNotFound = () => new AppError("not_found", "webhook endpoint not found");
