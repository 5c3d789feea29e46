import { randomBytes } from "node:crypto";
import { platformEnv } from "../../integration/support/local-platform.js";

// Accounts of every kind the Auth emulator can make, for tests that need more than a plain user.

const authUrl = (path: string) => `http://${platformEnv("FIREBASE_AUTH_EMULATOR_HOST")}/identitytoolkit.googleapis.com/v1/${path}`;

async function post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(authUrl(path), { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`Auth emulator ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** An anonymous sign-in, as a web app offers before an account exists. */
export async function signInAnonymously(): Promise<{ idToken: string; localId: string }> {
  return post("accounts:signUp?key=demo-key", { returnSecureToken: true });
}

/** A new account with a password; its uid, email and a first ID token. */
export async function signUpWithPassword(label: string): Promise<{ idToken: string; localId: string; email: string }> {
  return signUpWithEmail(`${label}-${randomBytes(6).toString("hex")}@test.user-x.dev`);
}

/** A new account with a password and the given address, unverified, as email/password sign-up leaves it. */
export async function signUpWithEmail(email: string): Promise<{ idToken: string; localId: string; email: string }> {
  return { email, ...(await post<{ idToken: string; localId: string }>("accounts:signUp?key=demo-key", { email, password: "test-password", returnSecureToken: true })) };
}

/**
 * Marks the account's address verified, as following the verification link does, and returns a
 * new ID token: tokens issued before still say the address is unverified.
 */
export async function verifyEmail(localId: string, email: string): Promise<string> {
  await post(`projects/${platformEnv("GCLOUD_PROJECT")}/accounts:update`, { localId, emailVerified: true }, { authorization: "Bearer owner" });
  return signInWithPassword(email);
}

export async function signInWithPassword(email: string): Promise<string> {
  return (await post<{ idToken: string }>("accounts:signInWithPassword?key=demo-key", { email, password: "test-password", returnSecureToken: true })).idToken;
}

/** A new account holding the operator claim; the token is taken after the claim is set, as a real operator's would be. */
export async function signUpOperator(): Promise<string> {
  const { localId, email } = await signUpWithPassword("operator");
  // The Auth emulator accepts "owner" as an admin credential for its management API.
  await post(`projects/${platformEnv("GCLOUD_PROJECT")}/accounts:update`, { localId, customAttributes: JSON.stringify({ operator: true }) }, { authorization: "Bearer owner" });
  return signInWithPassword(email);
}

/** Revokes every token issued so far (as a sign-out everywhere or a password change does), or disables the account. */
export async function revokeTokens(localId: string, { disable = false } = {}): Promise<void> {
  const validSince = String(Math.floor(Date.now() / 1000) + 1);
  await post(`projects/${platformEnv("GCLOUD_PROJECT")}/accounts:update`, { localId, validSince, ...(disable ? { disableUser: true } : {}) }, { authorization: "Bearer owner" });
}

const emulatorUrl = (path: string) => `http://${platformEnv("FIREBASE_AUTH_EMULATOR_HOST")}/${path}`;

/** The code the Auth emulator "sent" by SMS for this session (it exposes them instead of sending). */
async function smsCodeFor(sessionInfo: string): Promise<string> {
  const response = await fetch(emulatorUrl(`emulator/v1/projects/${platformEnv("GCLOUD_PROJECT")}/verificationCodes`));
  const { verificationCodes } = (await response.json()) as { verificationCodes: Array<{ sessionInfo: string; code: string }> };
  const found = verificationCodes.find((entry) => entry.sessionInfo === sessionInfo);
  if (!found) throw new Error("the Auth emulator holds no SMS code for this session");
  return found.code;
}

async function postV2<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(emulatorUrl(`identitytoolkit.googleapis.com/v2/${path}?key=demo-key`), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`Auth emulator ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/**
 * A new account with a verified address and a phone enrolled as its second factor, as the
 * console's step-up asks of people doing sensitive operations; the ID token is the one the
 * enrollment returns, which states the second factor (`firebase.sign_in_second_factor: "phone"`).
 */
export async function signUpWithSecondFactor(label: string): Promise<{ idToken: string; localId: string; email: string; phoneNumber: string }> {
  const { localId, email } = await signUpWithPassword(label);
  const verified = await verifyEmail(localId, email);
  const phoneNumber = `+1555${String(randomBytes(3).readUIntBE(0, 3) % 10_000_000).padStart(7, "0")}`;
  const { phoneSessionInfo } = await postV2<{ phoneSessionInfo: { sessionInfo: string } }>("accounts/mfaEnrollment:start", { idToken: verified, phoneEnrollmentInfo: { phoneNumber } });
  const code = await smsCodeFor(phoneSessionInfo.sessionInfo);
  const { idToken } = await postV2<{ idToken: string }>("accounts/mfaEnrollment:finalize", { idToken: verified, phoneVerificationInfo: { sessionInfo: phoneSessionInfo.sessionInfo, code } });
  return { idToken, localId, email, phoneNumber };
}

/** Signs an enrolled account in with both factors: the password, then the SMS code. */
export async function signInWithSecondFactor(email: string): Promise<string> {
  const first = await post<{ mfaPendingCredential?: string; mfaInfo?: Array<{ mfaEnrollmentId: string }> }>("accounts:signInWithPassword?key=demo-key", { email, password: "test-password", returnSecureToken: true });
  const enrollmentId = first.mfaInfo?.[0]?.mfaEnrollmentId;
  if (!first.mfaPendingCredential || !enrollmentId) throw new Error("the account has no second factor enrolled");
  const { phoneResponseInfo } = await postV2<{ phoneResponseInfo: { sessionInfo: string } }>("accounts/mfaSignIn:start", { mfaPendingCredential: first.mfaPendingCredential, mfaEnrollmentId: enrollmentId, phoneSignInInfo: {} });
  const code = await smsCodeFor(phoneResponseInfo.sessionInfo);
  return (await postV2<{ idToken: string }>("accounts/mfaSignIn:finalize", { mfaPendingCredential: first.mfaPendingCredential, phoneVerificationInfo: { sessionInfo: phoneResponseInfo.sessionInfo, code } })).idToken;
}
