/** The identity an ID token proves, once its signature, issuer, audience and expiry are checked. */
export interface VerifiedIdentity {
  /** Stable across sign-ins: `firebase:<uid>` or `oidc:<issuer>:<subject>`. */
  identityKey: string;
}

/** Verifies ID tokens (Firebase Authentication, OIDC issuers); rejects with AppError `unauthenticated`. */
export interface IdentityVerifier {
  verify(idToken: string): Promise<VerifiedIdentity>;
}
