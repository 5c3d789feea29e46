import type { RouteAuth } from "../../contracts/route.js";
import { AppError } from "../../domain/app-error.js";
import { looksLikeApiKey, verifiedApiKeyHash } from "../../domain/identity/api-key.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { IdentityVerifier } from "../../ports/identity-verifier.js";
import { newUser, type User } from "../../domain/identity/user.js";
import type { ApiKeyRepository } from "../../ports/api-key-repository.js";
import type { UserRepository } from "../../ports/user-repository.js";
import { insertIfAbsent } from "../shared/update-aggregate.js";

const lastUsedPrecisionMs = 60_000;

export interface AuthenticateDeps {
  identity: IdentityVerifier;
  users: UserRepository;
  apiKeys: ApiKeyRepository;
  ids: Ids;
  clock: Clock;
}

/** Resolves a bearer credential (ID token or API key) to a principal, as the route's auth allows. */
export async function authenticate(deps: AuthenticateDeps, authorization: string | undefined, auth: RouteAuth): Promise<Principal | undefined> {
  if (auth.kind === "public") return undefined;
  const credential = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!credential) throw new AppError("unauthenticated", "send `Authorization: Bearer <ID token or API key>`");

  if (looksLikeApiKey(credential)) {
    if (auth.kind !== "user_or_api_key") throw new AppError("forbidden", "this route needs a signed-in user, not an API key");
    const hash = verifiedApiKeyHash(credential);
    const key = hash === undefined ? null : await deps.apiKeys.findByHash(hash);
    if (!key) throw new AppError("unauthenticated", "this API key is not valid");
    if (!key.scopes.includes(auth.scope)) throw new AppError("forbidden", `this API key lacks the ${auth.scope} scope`);
    // "Last used" is for people deciding which keys to revoke: minute precision is plenty, and it
    // spares a busy integration a database write on every request.
    const now = deps.clock.now();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= lastUsedPrecisionMs) await deps.apiKeys.touch(key.id, now);
    return { kind: "api_key", keyId: key.id, orgId: key.orgId, scopes: key.scopes };
  }

  const { identityKey } = await deps.identity.verify(credential);
  const user = await userFor(deps, identityKey);
  return { kind: "user", userId: user.id };
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
