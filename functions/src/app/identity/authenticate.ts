import type { ApiScope, RouteAuth } from "../../contracts/route.js";
import { AppError } from "../../domain/app-error.js";
import { assertUsable, looksLikeApiKey, verifiedApiKeyHash } from "../../domain/identity/api-key.js";
import type { Principal } from "../../domain/identity/principal.js";
import { assertCreatorGrants } from "../../domain/organizations/access.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { IdentityVerifier } from "../../ports/identity-verifier.js";
import { newUser, type User } from "../../domain/identity/user.js";
import type { ApiKeyRepository } from "../../ports/api-key-repository.js";
import type { UserRepository } from "../../ports/user-repository.js";
import type { OidcSubjectRepository } from "../../ports/oidc-subject-repository.js";
import type { VerifiedIdentity } from "../../ports/identity-verifier.js";
import { insertIfAbsent } from "../shared/update-aggregate.js";

const lastUsedPrecisionMs = 60_000;

export interface AuthenticateDeps {
  identity: IdentityVerifier;
  users: UserRepository;
  apiKeys: ApiKeyRepository;
  organizations: OrganizationRepository;
  oidcSubjects: OidcSubjectRepository;
  ids: Ids;
  clock: Clock;
}

/** Resolves a bearer credential (ID token or API key) to a principal, as the route's auth allows. */
export async function authenticate(deps: AuthenticateDeps, authorization: string | undefined, auth: RouteAuth, clientAddress: string): Promise<Principal | undefined> {
  if (auth.kind === "public") return undefined;
  const credential = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!credential) throw new AppError("unauthenticated", "send `Authorization: Bearer <ID token or API key>`");

  if (looksLikeApiKey(credential)) {
    if (auth.kind !== "user_or_api_key") throw new AppError("forbidden", "this route needs a signed-in user, not an API key");
    return apiKeyPrincipal(deps, credential, auth.scope, clientAddress);
  }

  const identity = await deps.identity.verify(credential, { checkRevoked: "sensitive" in auth && auth.sensitive === true });
  if (auth.kind === "operator" && !identity.operator) throw new AppError("forbidden", "this route is for operators of the platform");
  // Anonymous sign-ins may browse; claiming, earning and organizations need an account someone can be held to.
  if (identity.anonymous && !("anonymous" in auth && auth.anonymous === true)) {
    throw new AppError("forbidden", "this needs an account; sign in with email or a provider, not anonymously", { reason: "anonymous_account" });
  }
  const userId = identity.oidc ? await oidcUserFor(deps, identity, identity.oidc) : (await userFor(deps, identity.identityKey)).id;
  // An address is the caller's only once the provider has verified it: Firebase's email/password
  // sign-up does not, so anyone could otherwise sign up with someone else's address. An
  // organization's issuer is not believed about addresses at all: its admins run it, and could
  // make it vouch for anyone's (accepting invitations meant for them); linking (link-oidc-identity.ts)
  // is how an address proved to Firebase reaches such a sign-in.
  const verifiedEmail = !identity.oidc && identity.emailVerified && identity.email ? identity.email.trim().toLowerCase() : undefined;
  return {
    kind: "user",
    userId,
    anonymous: identity.anonymous,
    operator: identity.operator,
    ...(verifiedEmail ? { verifiedEmail } : {}),
    ...(identity.secondFactorAt ? { secondFactorAt: identity.secondFactorAt } : {}),
  };
}

/**
 * The principal of an API key that carries `scope`. The key is checked again on every use
 * against its creator's current role in the organization, so a key never does what its creator
 * may no longer do.
 */
async function apiKeyPrincipal(deps: AuthenticateDeps, credential: string, scope: ApiScope, clientAddress: string): Promise<Principal> {
  const hash = verifiedApiKeyHash(credential);
  const key = hash === undefined ? null : await deps.apiKeys.findByHash(hash);
  if (!key || hash === undefined) throw new AppError("unauthenticated", "this API key is not valid");
  const now = deps.clock.now();
  assertUsable(key, hash, clientAddress, now);
  if (!key.scopes.includes(scope)) throw new AppError("forbidden", `this API key lacks the ${scope} scope`, { scopes: [scope] });
  if (key.createdBy === null) throw new AppError("unauthenticated", "this API key predates keys that record their creator; create a new one");
  const org = await deps.organizations.findById(key.orgId);
  if (!org) throw new AppError("unauthenticated", "this API key is not valid");
  assertCreatorGrants(org, key.createdBy, scope);
  // "Last used" is for people deciding which keys to revoke: minute precision is plenty, and it
  // spares a busy integration a database write on every request.
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= lastUsedPrecisionMs) await deps.apiKeys.touch(key.id, now);
  return { kind: "api_key", keyId: key.id, orgId: key.orgId, scopes: key.scopes, createdBy: key.createdBy };
}

/**
 * The user a subject of an OIDC issuer is: the one it was linked to, or on first sight a new user
 * of its own, mapped by issuer and subject (racing first sign-ins settle on one mapping).
 */
async function oidcUserFor(deps: AuthenticateDeps, identity: VerifiedIdentity, { issuer, subject }: { issuer: string; subject: string }): Promise<string> {
  const mapped = await deps.oidcSubjects.find(issuer, subject);
  if (mapped) return mapped.userId;
  const user = await userFor(deps, identity.identityKey);
  return (await deps.oidcSubjects.link(issuer, subject, user.id, deps.clock.now())).userId;
}

/**
 * The user with this identity, created on first sight. Nearly every user exists already, so a
 * plain read comes first and the common path writes nothing; two first requests of a new user
 * may both insert, and the unique identity key makes the second one find the first one's user.
 */
async function userFor(deps: AuthenticateDeps, identityKey: string): Promise<User> {
  const existing = await deps.users.findByIdentity(identityKey);
  if (existing) return existing;
  const candidate = newUser(identityKey, deps.ids.next("usr"), deps.clock.now());
  if (await insertIfAbsent(deps.users, candidate)) return candidate;
  const raced = await deps.users.findByIdentity(identityKey);
  if (!raced) throw new AppError("conflict", "the user could not be stored; try again");
  return raced;
}
