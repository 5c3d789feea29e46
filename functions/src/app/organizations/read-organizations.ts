import type { ApiKeyOut, OrganizationOut, WebhookEndpointOut } from "../../contracts/organizations.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { ApiKeyRepository } from "../../ports/api-key-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { WebhookEndpointRepository } from "../../ports/webhook-endpoint-repository.js";
import { loadOrganizationFor } from "./load-organization.js";
import { presentApiKey, presentOrganization, presentWebhookEndpoint } from "./present.js";

/** Any member may see their organization. */
export async function getOrganization(deps: { organizations: OrganizationRepository }, principal: Principal, orgId: string): Promise<OrganizationOut> {
  return presentOrganization(await loadOrganizationFor(deps.organizations, orgId, principal, "organization:read"));
}

/** The caller's organizations, whatever their role. */
export async function listOrganizations(deps: { organizations: OrganizationRepository }, principal: Principal): Promise<{ data: OrganizationOut[]; nextCursor: null }> {
  const userId = requireUser(principal);
  return { data: (await deps.organizations.listByMember(userId)).map(presentOrganization), nextCursor: null };
}

/** The organization's API keys, for those who may manage them; the keys themselves are never kept. */
export async function listApiKeys(
  deps: { organizations: OrganizationRepository; apiKeys: ApiKeyRepository; clock: Clock },
  principal: Principal,
  orgId: string,
): Promise<{ data: ApiKeyOut[]; nextCursor: null }> {
  await loadOrganizationFor(deps.organizations, orgId, principal, "api_keys:write");
  const now = deps.clock.now();
  return { data: (await deps.apiKeys.listByOrg(orgId)).map((apiKey) => presentApiKey(apiKey, now)), nextCursor: null };
}

/** The organization's webhook endpoints, without their signing secrets. */
export async function listWebhookEndpoints(
  deps: { organizations: OrganizationRepository; webhookEndpoints: WebhookEndpointRepository; clock: Clock },
  principal: Principal,
  orgId: string,
): Promise<{ data: WebhookEndpointOut[]; nextCursor: null }> {
  await loadOrganizationFor(deps.organizations, orgId, principal, "webhooks:write");
  const now = deps.clock.now();
  return { data: (await deps.webhookEndpoints.listByOrg(orgId)).map((endpoint) => presentWebhookEndpoint(endpoint, now)), nextCursor: null };
}
