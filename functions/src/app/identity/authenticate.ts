import type { RouteAuth } from "../../contracts/route.js";
import { AppError } from "../../domain/app-error.js";
import { looksLikeApiKey, verifiedApiKeyHash } from "../../domain/identity/api-key.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { IdentityVerifier } from "../../ports/identity-verifier.js";
import type { ApiKeyRepository, UserRepository } from "../../ports/repositories.js";

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
    const key = hash === undefined ? null : await deps.apiKeys.findActiveByHash(hash);
    if (!key) throw new AppError("unauthenticated", "this API key is not valid");
    if (!key.scopes.includes(auth.scope)) throw new AppError("forbidden", `this API key lacks the ${auth.scope} scope`);
    // "Last used" is for people deciding which keys to revoke: minute precision is plenty, and it
    // spares a busy integration a database write on every request.
    const now = deps.clock.now();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= lastUsedPrecisionMs) await deps.apiKeys.touch(key.id, now);
    return { kind: "api_key", keyId: key.id, orgId: key.orgId, scopes: key.scopes };
  }

  const { identityKey } = await deps.identity.verify(credential);
  const user = await deps.users.findOrCreateByIdentity(identityKey, { id: deps.ids.next("usr"), identityKey, createdAt: deps.clock.now() });
  return { kind: "user", userId: user.id };
}
