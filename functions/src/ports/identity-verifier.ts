/** The identity an ID token proves, once its signature, issuer, audience and expiry are checked. */
export interface VerifiedIdentity {
  /** Stable across sign-ins: `firebase:<uid>` or `oidc:<issuer>:<subject>`. */
  identityKey: string;
  /** Signed in anonymously: may browse, never claim, earn or belong to an organization. */
  anonymous: boolean;
  /** The account's email address, as the token states it; proved only when `emailVerified`. */
  email?: string;
  emailVerified: boolean;
  /** Holds the operator claim: may read the platform's detailed health. */
  operator: boolean;
  /** When the sign-in used a second factor (its `auth_time`); absent when it used none. */
  secondFactorAt?: Date;
  /** Set for a token of an organization's OIDC issuer: its issuer and subject. */
  oidc?: { issuer: string; subject: string };
}

/** Verifies ID tokens (Firebase Authentication, OIDC issuers); rejects with AppError `unauthenticated`. */
export interface IdentityVerifier {
  /** With `checkRevoked`, also refuses tokens of disabled users and tokens issued before a revocation (one more lookup). */
  verify(idToken: string, options?: { checkRevoked?: boolean }): Promise<VerifiedIdentity>;
}
