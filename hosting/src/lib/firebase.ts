import { initializeApp } from "firebase/app";
import { connectAuthEmulator, getAuth, type Auth } from "firebase/auth";
import { authEmulatorUrl, loadFirebaseConfig } from "./firebase-config";

let auth: Promise<Auth> | undefined;

/** Firebase Auth, set up once: the config is fetched at run time, so the first caller waits for it. */
export function firebaseAuth(): Promise<Auth> {
  auth ??= (async () => {
    const config = await loadFirebaseConfig();
    const instance = getAuth(initializeApp(config));
    const emulator = authEmulatorUrl(config);
    if (emulator) connectAuthEmulator(instance, emulator, { disableWarnings: true });
    return instance;
  })();
  return auth;
}
