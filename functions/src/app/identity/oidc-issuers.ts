import type { OidcIssuerIn, OidcIssuerOut } from "../../contracts/oidc-issuers.js";
import { AppError } from "../../domain/app-error.js";
import { newOidcIssuer, type OidcIssuer } from "../../domain/identity/oidc-issuer.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { DestinationPolicy } from "../../ports/destination-policy.js";
import type { Ids } from "../../ports/ids.js";
import type { OidcIssuerRepository } from "../../ports/oidc-issuer-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";

type OidcIssuerDeps = { organizations: OrganizationRepository; oidcIssuers: OidcIssuerRepository; destinations: DestinationPolicy; ids: Ids; clock: Clock };

// Who may sign in is member management: owners and admins (members:write).
const manage = "members:write";

/**
 * Trusts an issuer for sign-in. Its URL is one we will fetch keys from, so the destination
 * policy webhooks obey applies to it too (422 `destination_refused`).
 */
export async function addOidcIssuer(deps: OidcIssuerDeps, principal: Principal, orgId: string, input: OidcIssuerIn): Promise<OidcIssuerOut> {
  const createdBy = requireUser(principal);
  await loadOrganizationFor(deps.organizations, orgId, principal, manage);
  await deps.destinations.assertAllowed(input.issuer);
  const issuer = newOidcIssuer(input, { id: deps.ids.next("oid"), orgId, createdBy }, deps.clock.now());
  if (!(await deps.oidcIssuers.add(issuer))) {
    throw new AppError("conflict", "the organization trusts this issuer for this audience already", { reason: "already_trusted" });
  }
  return presentOidcIssuer(issuer);
}

/** The organization's issuers, for any member: which sign-ins count is no secret inside it. */
export async function listOidcIssuers(deps: OidcIssuerDeps, principal: Principal, orgId: string): Promise<{ data: OidcIssuerOut[]; nextCursor: null }> {
  await loadOrganizationFor(deps.organizations, orgId, principal, "organization:read");
  return { data: (await deps.oidcIssuers.listByOrg(orgId)).map(presentOidcIssuer), nextCursor: null };
}

/** Stops trusting the issuer: its tokens are refused from the next request on. */
export async function removeOidcIssuer(deps: OidcIssuerDeps, principal: Principal, orgId: string, issuerId: string): Promise<OidcIssuerOut> {
  await loadOrganizationFor(deps.organizations, orgId, principal, manage);
  const removed = await deps.oidcIssuers.remove(orgId, issuerId);
  if (!removed) throw new AppError("not_found", "OIDC issuer not found");
  return presentOidcIssuer(removed);
}

export function presentOidcIssuer(issuer: OidcIssuer): OidcIssuerOut {
  return {
    id: issuer.id,
    orgId: issuer.orgId,
    issuer: issuer.issuer,
    audience: issuer.audience,
    algorithms: [...issuer.algorithms],
    mfaAcrValues: [...issuer.mfaAcrValues],
    createdAt: issuer.createdAt.toISOString(),
  };
}
