import type { ApiKeyOut, OrganizationOut, WebhookEndpointOut } from "../../contracts/organizations.js";
import type { Organization } from "../../domain/identity/principal.js";
import type { ApiKeyRecord, WebhookEndpoint } from "../../ports/repositories.js";

export const presentOrganization = (org: Organization): OrganizationOut => ({
  id: org.id,
  name: org.name,
  members: org.members.map(({ userId, role }) => ({ userId, role })),
  createdAt: org.createdAt.toISOString(),
});

export const presentApiKey = (key: ApiKeyRecord, secret?: string): ApiKeyOut => ({
  id: key.id,
  orgId: key.orgId,
  name: key.name,
  scopes: key.scopes,
  ...(secret === undefined ? {} : { key: secret }),
  createdAt: key.createdAt.toISOString(),
});

export const presentWebhookEndpoint = (endpoint: WebhookEndpoint, includeSecret: boolean): WebhookEndpointOut => ({
  id: endpoint.id,
  orgId: endpoint.orgId,
  url: endpoint.url,
  eventTypes: endpoint.eventTypes,
  description: endpoint.description,
  ...(includeSecret ? { secret: endpoint.secret } : {}),
  createdAt: endpoint.createdAt.toISOString(),
});
