import { createClient } from "@user-x/sdk";
import { firebaseAuth } from "./firebase";

/**
 * The one API client: same origin (Hosting rewrites /v1 to the functions), signed in with the
 * current user's ID token. Waiting for the restored session first means a reload does not send
 * its first calls anonymously.
 */
export const api = createClient({
  baseUrl: "",
  credentials: async () => {
    const auth = await firebaseAuth();
    await auth.authStateReady();
    return (await auth.currentUser?.getIdToken()) ?? null;
  },
});
