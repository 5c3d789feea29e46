import type { OidcLinkIn, OidcLinkOut } from "../../contracts/oidc-issuers.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { IdentityVerifier } from "../../ports/identity-verifier.js";
import type { OidcSubjectRepository } from "../../ports/oidc-subject-repository.js";

type LinkDeps = { identity: IdentityVerifier; oidcSubjects: OidcSubjectRepository; clock: Clock };

/**
 * Links a sign-in with an organization's issuer to the signed-in account, as its explicit step:
 * the account must hold a verified address (proved to Firebase), and the issuer's token must say
 * the same address is verified. From then on that sign-in is this account. A subject that signed
 * in before has an account of its own and is not moved (409 `already_linked`); linking again to
 * the same account is harmless.
 */
export async function linkOidcIdentity(deps: LinkDeps, principal: Principal, input: OidcLinkIn): Promise<OidcLinkOut> {
  const userId = requireUser(principal);
  if (principal.kind !== "user" || !principal.verifiedEmail) {
    throw new AppError("forbidden", "verify your account's email address first; only a verified address can be linked", { reason: "email_not_verified" });
  }
  // The caller is signed in already: a token to link that fails is bad input (422), not a reason to sign in again (401).
  const identity = await deps.identity.verify(input.idToken).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "unauthenticated") throw new AppError("validation_failed", "idToken is not a valid token of an issuer an organization trusts", { field: "idToken", reason: "invalid_token" });
    throw error;
  });
  if (!identity.oidc) throw new AppError("validation_failed", "idToken must come from an issuer an organization trusts", { field: "idToken", reason: "not_an_oidc_token" });
  const email = identity.emailVerified && identity.email ? identity.email.trim().toLowerCase() : undefined;
  if (email !== principal.verifiedEmail) {
    throw new AppError("forbidden", "the issuer's token must carry your account's address, verified", { reason: "email_mismatch" });
  }
  const { issuer, subject } = identity.oidc;
  const held = await deps.oidcSubjects.link(issuer, subject, userId, deps.clock.now());
  if (held.userId !== userId) throw new AppError("conflict", "this sign-in already belongs to another account", { reason: "already_linked" });
  return { issuer, subject, linkedAt: held.linkedAt.toISOString() };
}
