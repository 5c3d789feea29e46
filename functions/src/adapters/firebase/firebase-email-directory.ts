import type { App } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import type { EmailDirectory } from "../../ports/email-directory.js";

const firebasePrefix = "firebase:";

/**
 * Addresses from Firebase Authentication (the Auth emulator locally). Only a verified address is
 * used: Firebase's email/password sign-up does not verify, and an email must never go to an
 * address someone typed for another person. Accounts of other issuers (`oidc:`) have none here.
 */
export function firebaseEmailDirectory(app: App): EmailDirectory {
  const auth = getAuth(app);
  return {
    async verifiedAddressOf(identityKey) {
      if (!identityKey.startsWith(firebasePrefix)) return undefined;
      try {
        const account = await auth.getUser(identityKey.slice(firebasePrefix.length));
        return account.emailVerified && account.email ? account.email : undefined;
      } catch (error) {
        if (typeof error === "object" && error !== null && "code" in error && error.code === "auth/user-not-found") return undefined;
        throw error;
      }
    },
  };
}
