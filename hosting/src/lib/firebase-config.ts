// The Firebase web config. Firebase Hosting serves the project's own at /__/firebase/init.json,
// so one build runs in every project; the Vite env (or the local platform's defaults) stands in
// where nothing serves it.

export interface FirebaseWebConfig {
  apiKey: string;
  authDomain?: string;
  projectId: string;
}

const initJsonPath = "/__/firebase/init.json";

export async function loadFirebaseConfig(): Promise<FirebaseWebConfig> {
  return (await fromHosting()) ?? fromEnv();
}

async function fromHosting(): Promise<FirebaseWebConfig | undefined> {
  try {
    const response = await fetch(initJsonPath, { headers: { accept: "application/json" } });
    // The SPA fallback answers index.html for a path nothing serves: only JSON counts.
    if (!response.ok || !response.headers.get("content-type")?.includes("json")) return undefined;
    const body: unknown = await response.json();
    if (typeof body !== "object" || body === null) return undefined;
    const { apiKey, authDomain, projectId } = body as Record<string, unknown>;
    if (typeof apiKey !== "string" || typeof projectId !== "string") return undefined;
    return { apiKey, projectId, ...(typeof authDomain === "string" ? { authDomain } : {}) };
  } catch {
    return undefined;
  }
}

function fromEnv(): FirebaseWebConfig {
  const env = import.meta.env;
  const projectId = env.VITE_FIREBASE_PROJECT_ID || "demo-userx";
  return {
    apiKey: env.VITE_FIREBASE_API_KEY || "demo-key",
    authDomain: env.VITE_FIREBASE_AUTH_DOMAIN || `${projectId}.firebaseapp.com`,
    projectId,
  };
}

/** The Auth emulator to use, if any: always for a `demo-` project, which exists only locally. */
export function authEmulatorUrl(config: FirebaseWebConfig): string | undefined {
  const configured = import.meta.env.VITE_AUTH_EMULATOR_URL;
  if (configured) return configured;
  return config.projectId.startsWith("demo-") ? "http://127.0.0.1:9099" : undefined;
}
