import type { ApiKeyIn, ApiKeyOut } from "../../contracts/organizations.js";
import { generateApiKey } from "../../domain/identity/api-key.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { ApiKeyRepository, OrganizationRepository } from "../../ports/repositories.js";
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
  const { key, hash } = generateApiKey();
  const record = { id: deps.ids.next("key"), orgId, name: input.name, scopes: [...new Set(input.scopes)], hash, createdAt: deps.clock.now(), revokedAt: null, lastUsedAt: null };
  await deps.apiKeys.insert(record);
  return presentApiKey(record, key);
}
