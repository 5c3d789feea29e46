import { createClient } from "@user-x/sdk";
import { signInAnonymously, type Auth } from "firebase/auth";
import { firebaseAuth } from "./firebase";

/**
 * The one API client: same origin (Hosting rewrites /v1 to the functions), with the current
 * user's ID token. Waiting for the restored session first means a reload does not send its
 * first calls without one.
 */
export const api = createClient({
  baseUrl: "",
  credentials: async () => {
    const auth = await firebaseAuth();
    await auth.authStateReady();
    const user = auth.currentUser ?? (await anonymousUser(auth));
    return user.getIdToken();
  },
});

let anonymous: ReturnType<typeof signInAnonymously> | undefined;

// The API lets anyone browse, but only with a token: a visitor who has not signed in browses as
// an anonymous Firebase user (routes marked `anonymous` accept them; nothing else does). One
// sign-in however many calls ask at once.
async function anonymousUser(auth: Auth) {
  anonymous ??= signInAnonymously(auth).finally(() => {
    anonymous = undefined;
  });
  return (await anonymous).user;
}

/**
 * A client that sends no credential, for the routes a signed link opens without signing in (one-click
 * unsubscribe): following a link from an email must not sign the visitor in, anonymously or otherwise.
 */
export const publicApi = createClient({ baseUrl: "" });
