import { createRemoteJWKSet, customFetch, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type FetchImplementation, type JWTPayload } from "jose";
import { z } from "zod";
import { AppError } from "../../domain/app-error.js";
import { issuerForToken, oidcIdentityKey, type OidcIssuer } from "../../domain/identity/oidc-issuer.js";
import { secondFactorAmrValues } from "../../domain/identity/step-up.js";
import type { VerifiedIdentity } from "../../ports/identity-verifier.js";

/** Leeway for `exp`, `nbf` and `iat` between the issuer's clock and ours. */
export const clockToleranceSeconds = 30;

// How long a discovery document and a key set are trusted; an unknown `kid` refetches the key
// set at once (after a 30 s cooldown, so a stream of forged kids cannot make us hammer the issuer).
const discoveryMaxAgeMs = 60 * 60_000;
const jwksCacheMaxAgeMs = 10 * 60_000;
const jwksCooldownMs = 30_000;
const fetchTimeoutMs = 5_000;

const Discovery = z.object({ issuer: z.string(), jwks_uri: z.url() });

export interface OidcTokenVerifierOptions {
  /** Every request to an issuer goes through it: the destination guard's, in production. */
  fetch: FetchImplementation;
  now?: () => Date;
}

/** What a token of a trusted issuer proves, and under which organization's configuration. */
export interface VerifiedOidcToken extends VerifiedIdentity {
  oidc: { issuer: string; subject: string };
}

/**
 * Verifies tokens of organizations' OIDC issuers with `jose`: the signature against the issuer's
 * key set (from its discovery document, cached, refetched on an unknown `kid`), the algorithm
 * against the configuration's pinned list, and `iss`, `aud`, `exp`, `nbf`, `iat` with a small
 * clock tolerance. Any failure is `unauthenticated`, saying no more than that.
 */
export function oidcTokenVerifier(options: OidcTokenVerifierOptions) {
  const keySets = new Map<string, { fetchedAt: number; keys: Promise<ReturnType<typeof createRemoteJWKSet>> }>();
  const now = options.now ?? (() => new Date());

  async function discover(issuer: string): Promise<ReturnType<typeof createRemoteJWKSet>> {
    const response = await options.fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, { method: "GET", redirect: "manual", signal: AbortSignal.timeout(fetchTimeoutMs), headers: new Headers({ accept: "application/json" }) });
    if (response.status !== 200) throw new Error(`discovery of ${issuer} answered ${response.status}`);
    const discovery = Discovery.parse(await response.json());
    // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
    if (discovery.issuer !== issuer) throw new Error(`discovery of ${issuer} names another issuer`);
    return createRemoteJWKSet(new URL(discovery.jwks_uri), { cacheMaxAge: jwksCacheMaxAgeMs, cooldownDuration: jwksCooldownMs, timeoutDuration: fetchTimeoutMs, [customFetch]: options.fetch });
  }

  function keySetOf(issuer: string) {
    const cached = keySets.get(issuer);
    if (cached && Date.now() - cached.fetchedAt < discoveryMaxAgeMs) return cached.keys;
    const keys = discover(issuer);
    keySets.set(issuer, { fetchedAt: Date.now(), keys });
    // A failed discovery is not cached: the next token tries again.
    keys.catch(() => keySets.delete(issuer));
    return keys;
  }

  return {
    async verify(token: string, candidates: readonly OidcIssuer[]): Promise<VerifiedOidcToken> {
      let config: OidcIssuer | undefined;
      try {
        config = issuerForToken(candidates, decodeJwt(token).aud, decodeProtectedHeader(token).alg);
      } catch (error) {
        throw refused(error);
      }
      if (!config) throw new AppError("unauthenticated", "the token's audience is not one its issuer is trusted for");
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, await keySetOf(config.issuer), {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: [...config.algorithms],
          clockTolerance: clockToleranceSeconds,
          currentDate: now(),
          requiredClaims: ["sub", "exp", "iat"],
        }));
      } catch (error) {
        throw refused(error);
      }
      return identityOf(config, payload);
    },
  };
}

function identityOf(config: OidcIssuer, payload: JWTPayload): VerifiedOidcToken {
  const subject = String(payload.sub);
  const email = typeof payload["email"] === "string" ? payload["email"] : undefined;
  const amr = Array.isArray(payload["amr"]) ? payload["amr"].filter((value): value is string => typeof value === "string") : [];
  const acr = typeof payload["acr"] === "string" ? payload["acr"] : undefined;
  const usedSecondFactor = amr.some((method) => secondFactorAmrValues.includes(method)) || (acr !== undefined && config.mfaAcrValues.includes(acr));
  const authTime = typeof payload["auth_time"] === "number" ? payload["auth_time"] : Number(payload.iat);
  return {
    identityKey: oidcIdentityKey(config.issuer, subject),
    anonymous: false,
    ...(email === undefined ? {} : { email }),
    emailVerified: payload["email_verified"] === true,
    // Operators are Firebase accounts of ours: no organization's issuer can make one.
    operator: false,
    ...(usedSecondFactor ? { secondFactorAt: new Date(authTime * 1000) } : {}),
    oidc: { issuer: config.issuer, subject },
  };
}

function refused(error: unknown): AppError {
  // jose's errors name what failed (claim, algorithm, signature); the caller is told only that it failed.
  const unreadable = !(error instanceof errors.JOSEError) && !(error instanceof TypeError);
  return new AppError("unauthenticated", unreadable ? "the token could not be verified" : "the token is not valid, has expired or is not for User-X", undefined, { cause: error });
}
