import type { ApiKeyIn, ApiKeyOut } from "../../contracts/organizations.js";
import { AppError } from "../../domain/app-error.js";
import { issueApiKey } from "../../domain/identity/api-key.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { roleOf } from "../../domain/organizations/organization.js";
import { scopesBeyondRole } from "../../domain/organizations/permissions.js";
import type { ApiKeyRepository } from "../../ports/api-key-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "./load-organization.js";
import { presentApiKey } from "./present.js";

/**
 * Creates an API key for the organization, with no scope its creator's role does not grant; the
 * key leaves in this response only, never stored in clear.
 */
export async function createApiKey(
  deps: { organizations: OrganizationRepository; apiKeys: ApiKeyRepository; ids: Ids; clock: Clock },
  principal: Principal,
  orgId: string,
  input: ApiKeyIn,
): Promise<ApiKeyOut> {
  const userId = requireUser(principal);
  const org = await loadOrganizationFor(deps.organizations, orgId, principal, "api_keys:write");
  const role = roleOf(org, userId);
  const beyond = role ? scopesBeyondRole(role, input.scopes) : input.scopes;
  if (beyond.length > 0) {
    throw new AppError("forbidden", `your role (${role}) does not allow ${beyond.join(", ")}, so no key of yours may carry it`, { scopes: beyond });
  }
  const { apiKey, key } = issueApiKey({ orgId, name: input.name, scopes: input.scopes, createdBy: userId }, deps.ids.next("key"), deps.clock.now());
  await deps.apiKeys.insert(apiKey);
  return presentApiKey(apiKey, key);
}
