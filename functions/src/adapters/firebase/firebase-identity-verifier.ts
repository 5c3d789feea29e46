import type { App } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { AppError } from "../../domain/app-error.js";
import type { IdentityVerifier } from "../../ports/identity-verifier.js";

/** Firebase Authentication ID tokens; the Admin SDK uses the Auth emulator when FIREBASE_AUTH_EMULATOR_HOST is set. */
export function firebaseIdentityVerifier(app: App): IdentityVerifier {
  const auth = getAuth(app);
  return {
    async verify(idToken, { checkRevoked = false } = {}) {
      try {
        const token = await auth.verifyIdToken(idToken, checkRevoked);
        return {
          identityKey: `firebase:${token.uid}`,
          anonymous: token.firebase.sign_in_provider === "anonymous",
          ...(token.email === undefined ? {} : { email: token.email }),
          emailVerified: token.email_verified === true,
          operator: token["operator"] === true,
          // Set when the sign-in passed a second factor (a multi-factor user signs in in two steps).
          ...(token.firebase.sign_in_second_factor ? { secondFactorAt: new Date(token.auth_time * 1000) } : {}),
        };
      } catch (error) {
        throw new AppError("unauthenticated", "the ID token is not valid, has expired or was revoked", undefined, { cause: error });
      }
    },
  };
}
