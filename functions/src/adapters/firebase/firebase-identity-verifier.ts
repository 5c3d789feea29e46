import type { App } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { AppError } from "../../domain/app-error.js";
import type { IdentityVerifier } from "../../ports/identity-verifier.js";

/** Firebase Authentication ID tokens; the Admin SDK uses the Auth emulator when FIREBASE_AUTH_EMULATOR_HOST is set. */
export function firebaseIdentityVerifier(app: App): IdentityVerifier {
  const auth = getAuth(app);
  return {
    async verify(idToken) {
      try {
        const token = await auth.verifyIdToken(idToken);
        return { identityKey: `firebase:${token.uid}` };
      } catch (error) {
        throw new AppError("unauthenticated", "the ID token is not valid or has expired", undefined, { cause: error });
      }
    },
  };
}
