import type { OidcIssuerIn } from "../../contracts/oidc-issuers.js";
import type { oidcAlgorithms } from "../../contracts/oidc-issuers.js";
import { AppError } from "../app-error.js";

export type OidcAlgorithm = (typeof oidcAlgorithms)[number];

/** An OpenID Connect issuer an organization trusts for sign-in: which tokens of it count, and how they are checked. */
export interface OidcIssuer {
  id: string;
  orgId: string;
  /** Exactly the `iss` of its tokens, without a trailing slash added or removed. */
  issuer: string;
  audience: string;
  /** Pinned: a token signed with anything else is refused, whatever its header claims. */
  algorithms: readonly OidcAlgorithm[];
  /** `acr` values the issuer uses for a sign-in with a second factor (step-up). */
  mfaAcrValues: readonly string[];
  createdBy: string;
  createdAt: Date;
}

// Firebase's own issuers are verified by firebase-admin: an organization cannot re-declare them
// with another audience or other algorithms.
const reservedIssuerPrefixes = ["https://securetoken.google.com/", "https://session.firebase.google.com/"];

export function newOidcIssuer(input: OidcIssuerIn, ids: { id: string; orgId: string; createdBy: string }, now: Date): OidcIssuer {
  if (reservedIssuerPrefixes.some((prefix) => input.issuer.startsWith(prefix))) {
    throw new AppError("validation_failed", "Firebase Authentication is trusted already; add only other issuers", { reason: "reserved_issuer" });
  }
  return {
    ...ids,
    issuer: input.issuer,
    audience: input.audience,
    algorithms: [...new Set(input.algorithms)],
    mfaAcrValues: [...new Set(input.mfaAcrValues)],
    createdAt: now,
  };
}

/**
 * The configuration that governs a token, among those trusting its issuer: the one whose audience
 * the token names (several organizations may trust one issuer, each with its own client).
 */
export function issuerForToken(candidates: readonly OidcIssuer[], audience: string | readonly string[] | undefined, algorithm: string | undefined): OidcIssuer | undefined {
  const audiences = typeof audience === "string" ? [audience] : (audience ?? []);
  const matching = candidates.filter((candidate) => audiences.includes(candidate.audience));
  return matching.find((candidate) => (candidate.algorithms as readonly string[]).includes(algorithm ?? "")) ?? matching[0];
}

/** The identity key of a subject of an issuer: one user per issuer and subject. */
export function oidcIdentityKey(issuer: string, subject: string): string {
  return `oidc:${issuer}:${subject}`;
}
