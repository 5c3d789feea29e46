import type { ApiKeyOut, OrganizationOut, WebhookEndpointOut } from "../../contracts/organizations.js";
import type { ApiKey } from "../../domain/identity/api-key.js";
import type { Organization } from "../../domain/organizations/organization.js";
import type { WebhookEndpoint } from "../../domain/webhooks/webhook-endpoint.js";
import { wireForm } from "../shared/wire-form.js";

export const presentOrganization = (org: Organization): OrganizationOut => wireForm(org);

/** Never the hash; the key itself only in the response that created it. */
export function presentApiKey(apiKey: ApiKey, key?: string): ApiKeyOut {
  const { hash: _hash, lastUsedAt: _lastUsedAt, createdBy: _createdBy, ...fields } = wireForm(apiKey);
  return { ...fields, ...(key === undefined ? {} : { key }) };
}

/** The signing secret only in the response that created the endpoint. */
export function presentWebhookEndpoint(endpoint: WebhookEndpoint, includeSecret: boolean): WebhookEndpointOut {
  const { secret, ...fields } = wireForm(endpoint);
  return { ...fields, ...(includeSecret ? { secret } : {}) };
}
