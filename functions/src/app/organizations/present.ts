import type { ApiKeyOut, OrganizationOut, WebhookEndpointOut } from "../../contracts/organizations.js";
import { statusOf, type ApiKey } from "../../domain/identity/api-key.js";
import type { Organization } from "../../domain/organizations/organization.js";
import { activePrevious, type WebhookEndpoint } from "../../domain/webhooks/webhook-endpoint.js";
import { publicKeyOf } from "../../domain/webhooks/signing.js";
import { wireForm } from "../shared/wire-form.js";

export const presentOrganization = (org: Organization): OrganizationOut => wireForm(org);

/** Never a hash; the key itself only in the response that created or rotated it; its status at `now`. */
export function presentApiKey(apiKey: ApiKey, now: Date, key?: string): ApiKeyOut {
  const { hash: _hash, previousHash: _previousHash, previousValidUntil, createdBy: _createdBy, ...fields } = wireForm(apiKey);
  const overlapping = apiKey.previousValidUntil !== null && apiKey.previousValidUntil > now;
  return { ...fields, status: statusOf(apiKey, now), previousKeyValidUntil: overlapping ? previousValidUntil : null, ...(key === undefined ? {} : { key }) };
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
