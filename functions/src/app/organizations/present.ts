import type { ApiKeyOut, OrganizationOut, WebhookEndpointOut } from "../../contracts/organizations.js";
import type { ApiKey } from "../../domain/identity/api-key.js";
import type { Organization } from "../../domain/organizations/organization.js";
import { activePrevious, type WebhookEndpoint } from "../../domain/webhooks/webhook-endpoint.js";
import { publicKeyOf } from "../../domain/webhooks/signing.js";
import { wireForm } from "../shared/wire-form.js";

export const presentOrganization = (org: Organization): OrganizationOut => wireForm(org);

/** Never the hash; the key itself only in the response that created it. */
export function presentApiKey(apiKey: ApiKey, key?: string): ApiKeyOut {
  const { hash: _hash, lastUsedAt: _lastUsedAt, createdBy: _createdBy, ...fields } = wireForm(apiKey);
  return { ...fields, ...(key === undefined ? {} : { key }) };
}

/**
 * Never the signing key; the signing secret only in the response that created the endpoint or
 * rotated its secret. The replaced secret's end and public key while it still signs at `now`.
 */
export function presentWebhookEndpoint(endpoint: WebhookEndpoint, now: Date, { includeSecret = false }: { includeSecret?: boolean } = {}): WebhookEndpointOut {
  const { secret, signingKey, previous: _previous, failingSince: _failingSince, ...fields } = wireForm(endpoint);
  const previous = activePrevious(endpoint, now);
  return {
    ...fields,
    ...(includeSecret ? { secret } : {}),
    previousSecretExpiresAt: previous ? previous.expiresAt.toISOString() : null,
    publicKey: signingKey ? publicKeyOf(signingKey) : null,
    previousPublicKey: previous?.signingKey ? publicKeyOf(previous.signingKey) : null,
  };
}
