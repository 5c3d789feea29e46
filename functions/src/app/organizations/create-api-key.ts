import type { ApiKeyIn, ApiKeyOut } from "../../contracts/organizations.js";
import { issueApiKey } from "../../domain/identity/api-key.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { ApiKeyRepository } from "../../ports/api-key-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "./load-organization.js";
import { presentApiKey } from "./present.js";

/** Creates an API key for the organization; the key leaves in this response only, never stored in clear. */
export async function createApiKey(
  deps: { organizations: OrganizationRepository; apiKeys: ApiKeyRepository; ids: Ids; clock: Clock },
  principal: Principal,
  orgId: string,
  input: ApiKeyIn,
): Promise<ApiKeyOut> {
  requireUser(principal);
  await loadOrganizationFor(deps.organizations, orgId, principal, { roles: ["owner", "admin", "developer"] });
  const { apiKey, key } = issueApiKey({ orgId, name: input.name, scopes: input.scopes }, deps.ids.next("key"), deps.clock.now());
  await deps.apiKeys.insert(apiKey);
  return presentApiKey(apiKey, key);
}
