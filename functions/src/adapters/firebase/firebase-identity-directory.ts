import type { App } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import type { IdentityDirectory } from "../../ports/identity-directory.js";

/** Firebase Authentication's accounts, through the Admin SDK (the Auth emulator when FIREBASE_AUTH_EMULATOR_HOST is set). */
export function firebaseIdentityDirectory(app: App): IdentityDirectory {
  const auth = getAuth(app);
  return {
    async verifiedOwnerOf(email) {
      try {
        const account = await auth.getUserByEmail(email);
        return account.emailVerified ? `firebase:${account.uid}` : undefined;
      } catch (error) {
        if (typeof error === "object" && error !== null && "code" in error && error.code === "auth/user-not-found") return undefined;
        throw error;
      }
    },
  };
}
