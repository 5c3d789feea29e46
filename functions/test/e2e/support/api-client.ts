import { randomBytes } from "node:crypto";
import { platformEnv } from "../../integration/support/local-platform.js";

/** A response as the test sees it: status, headers and the parsed JSON body. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the API through the Hosting emulator, as a client does. */
export function apiClient(credential?: string) {
  const base = platformEnv("USERX_BASE_URL");
  const call = async (method: string, path: string, options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...(credential ? { authorization: `Bearer ${credential}` } : {}), ...options.headers };
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const isJson = /json/.test(response.headers.get("content-type") ?? "");
    return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call("GET", path, { ...(headers ? { headers } : {}) }),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call("POST", path, { body, ...(headers ? { headers } : {}) }),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => call("PATCH", path, { body, ...(headers ? { headers } : {}) }),
    delete: (path: string, headers?: Record<string, string>) => call("DELETE", path, { ...(headers ? { headers } : {}) }),
    raw: call,
  };
}

/** Signs up a new user in the Auth emulator and returns their ID token. */
export async function signUpUser(label = "user"): Promise<{ idToken: string; email: string }> {
  const email = `${label}-${randomBytes(6).toString("hex")}@test.user-x.dev`;
  const response = await fetch(`http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=demo-key`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "test-password", returnSecureToken: true }),
  });
  const body = (await response.json()) as { idToken?: string };
  if (!response.ok || !body.idToken) throw new Error(`sign-up failed: ${response.status}`);
  return { idToken: body.idToken, email };
}
