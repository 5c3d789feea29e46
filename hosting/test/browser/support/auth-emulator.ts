// Accounts in the local Auth emulator, made through its REST API as the Firebase JS SDK makes
// them (tools/seed.mjs creates the demo accounts the same way), so a spec starts from a known
// account without paying for a sign-up form it is not testing.

const authUrl = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST || "127.0.0.1:9099"}/identitytoolkit.googleapis.com/v1`;
// The emulator accepts any API key; the web app's is equally fake locally.
const apiKey = "demo-key";

export const demoPassword = "demo-password";
/** The owner of "Demo Org", seeded by `npm start` and `npm test`. */
export const demoOwnerEmail = "owner@demo.user-x.dev";

/** A signed-in account: its credentials and the ID token the API takes as `Bearer`. */
export interface Account {
  email: string;
  password: string;
  localId: string;
  idToken: string;
}

/** Creates an account, as the sign-up page does. */
export function signUp(email: string, password: string): Promise<Account> {
  return call("accounts:signUp", email, password);
}

/** Signs an existing account in, as the sign-in page does. */
export function signIn(email: string, password: string): Promise<Account> {
  return call("accounts:signInWithPassword", email, password);
}

/**
 * Marks the account's address verified, as following the link of the verification email does;
 * through the emulator's management API, which takes "owner" as an admin credential.
 */
export async function markEmailVerified(localId: string): Promise<void> {
  const project = process.env.GCLOUD_PROJECT || "demo-userx";
  const response = await fetch(`${authUrl}/projects/${project}/accounts:update`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer owner" },
    body: JSON.stringify({ localId, emailVerified: true }),
  });
  if (!response.ok) throw new Error(`Auth emulator accounts:update for ${localId} answered ${response.status}: ${await response.text()}`);
}

async function call(method: string, email: string, password: string): Promise<Account> {
  const response = await fetch(`${authUrl}/${method}?key=${apiKey}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok || !isTokenResponse(body)) {
    throw new Error(`Auth emulator ${method} for ${email} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return { email, password, localId: body.localId, idToken: body.idToken };
}

function isTokenResponse(body: unknown): body is { localId: string; idToken: string } {
  return (
    typeof body === "object" && body !== null &&
    "localId" in body && typeof body.localId === "string" &&
    "idToken" in body && typeof body.idToken === "string"
  );
}
