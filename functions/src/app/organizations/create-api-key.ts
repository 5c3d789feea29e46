import type { z } from "zod";
import type { ApiKeyIn, ApiKeyOut, ApiKeyRotationIn } from "../../contracts/organizations.js";
import { AppError } from "../../domain/app-error.js";
import { generateApiKey, issueApiKey, revoked, rotated, type ApiKey } from "../../domain/identity/api-key.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { roleOf, type Organization } from "../../domain/organizations/organization.js";
import { scopesBeyondRole } from "../../domain/organizations/permissions.js";
import type { ApiKeyRepository } from "../../ports/api-key-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { loadOrganizationFor } from "./load-organization.js";
import { presentApiKey } from "./present.js";

type ApiKeyDeps = { organizations: OrganizationRepository; apiKeys: ApiKeyRepository; ids: Ids; clock: Clock };

/**
 * Creates an API key for the organization, with no scope its creator's role does not grant; the
 * key leaves in this response only, never stored in clear.
 */
export async function createApiKey(deps: ApiKeyDeps, principal: Principal, orgId: string, input: z.input<typeof ApiKeyIn>): Promise<ApiKeyOut> {
  const userId = requireUser(principal);
  const org = await loadOrganizationFor(deps.organizations, orgId, principal, "api_keys:write");
  const role = roleOf(org, userId);
  const beyond = role ? scopesBeyondRole(role, input.scopes) : input.scopes;
  if (beyond.length > 0) {
    throw new AppError("forbidden", `your role (${role}) does not allow ${beyond.join(", ")}, so no key of yours may carry it`, { scopes: beyond });
  }
  const now = deps.clock.now();
  const expiresAt = input.expiresAt === undefined ? undefined : new Date(input.expiresAt);
  if (expiresAt && expiresAt <= now) throw new AppError("validation_failed", "expiresAt must be in the future", { field: "expiresAt" });
  const { apiKey, key } = issueApiKey({ orgId, name: input.name, scopes: input.scopes, createdBy: userId, expiresAt, allowedCidrs: input.allowedCidrs ?? [] }, deps.ids.next("key"), now);
  await deps.apiKeys.insert(apiKey);
  return presentApiKey(apiKey, now, key);
}

/** Revokes the key (and what a rotation left of its predecessor) at once; again is harmless. */
export async function revokeApiKey(deps: ApiKeyDeps, principal: Principal, orgId: string, keyId: string): Promise<ApiKeyOut> {
  await loadKeyOf(deps, principal, orgId, keyId);
  const now = deps.clock.now();
  const saved = await updateAggregate(deps.apiKeys, keyId, (current) => (current.revokedAt === null ? { next: revoked(current, now) } : null));
  if (!saved) throw new AppError("not_found", "API key not found");
  return presentApiKey(saved, now);
}

/**
 * Gives the key a new secret, shown in this answer only; the old secret keeps working for the
 * overlap so that integrations switch without downtime. The rotating member's role must still
 * grant every scope of the key.
 */
export async function rotateApiKey(deps: ApiKeyDeps, principal: Principal, orgId: string, keyId: string, input: z.output<typeof ApiKeyRotationIn>): Promise<ApiKeyOut> {
  const userId = requireUser(principal);
  const { org, apiKey: existing } = await loadKeyOf(deps, principal, orgId, keyId);
  const role = roleOf(org, userId);
  const beyond = role ? scopesBeyondRole(role, existing.scopes) : existing.scopes;
  if (beyond.length > 0) throw new AppError("forbidden", `your role (${role}) does not allow ${beyond.join(", ")}, which this key carries`, { scopes: beyond });
  const { key, hash } = generateApiKey();
  const now = deps.clock.now();
  const saved = await updateAggregate(deps.apiKeys, keyId, (current) => ({ next: rotated(current, hash, input.overlapSeconds, now) }));
  if (!saved) throw new AppError("not_found", "API key not found");
  return presentApiKey(saved, now, key);
}

/** The organization's key, for a member who manages keys; another organization's key does not exist. */
async function loadKeyOf(deps: ApiKeyDeps, principal: Principal, orgId: string, keyId: string): Promise<{ org: Organization; apiKey: ApiKey }> {
  const org = await loadOrganizationFor(deps.organizations, orgId, principal, "api_keys:write");
  const apiKey = await deps.apiKeys.findById(keyId);
  if (!apiKey || apiKey.orgId !== orgId) throw new AppError("not_found", "API key not found");
  return { org, apiKey };
}
