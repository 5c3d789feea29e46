import { createHash, randomBytes } from "node:crypto";
import { platformEnv } from "../../integration/support/local-platform.js";

// Drives the local identity provider (tools/oidc-provider.mjs) as a browser would: the
// authorization code grant with PKCE, through its login page, with cookies. The real grant, not
// a token made up by the test: what the functions verify is what an issuer really hands out.

export const oidcClientId = "userx-local";

/** Signs `email` in at the local provider and answers the ID token its token endpoint issues; `mfa` adds the one-time code. */
export async function oidcSignIn(email: string, { mfa = false } = {}): Promise<string> {
  const issuer = platformEnv("OIDC_ISSUER_URL");
  const redirectUri = `${platformEnv("USERX_BASE_URL")}/oidc/callback`;
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(16).toString("base64url");
  const cookies = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  const locationOf = (response: Response) => {
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) throw new Error(`the provider answered ${response.status} where a redirect was expected`);
    return new URL(location, issuer).href;
  };

  const authorize = new URLSearchParams({
    client_id: oidcClientId,
    response_type: "code",
    scope: "openid email profile",
    redirect_uri: redirectUri,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state,
    nonce: randomBytes(16).toString("base64url"),
  });
  const loginPage = locationOf(await go(`${issuer}/auth?${authorize}`));
  const page = await go(loginPage);
  if (page.status !== 200) throw new Error(`the login page answered ${page.status}`);
  let location = locationOf(
    await go(`${loginPage}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: "local-password", ...(mfa ? { otp: "000000" } : {}) }).toString(),
    }),
  );
  // Back to the provider's /auth/<uid>, which answers with the code at the client's redirect URI.
  for (let hops = 0; !location.startsWith(redirectUri); hops += 1) {
    if (hops > 5) throw new Error("the provider never sent the sign-in back");
    location = locationOf(await go(location));
  }
  const answer = new URL(location).searchParams;
  if (answer.get("state") !== state || !answer.get("code")) throw new Error(`the sign-in came back without a code: ${answer}`);

  const token = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code: answer.get("code")!, redirect_uri: redirectUri, client_id: oidcClientId, code_verifier: verifier }).toString(),
  });
  const body = (await token.json()) as { id_token?: string };
  if (!token.ok || !body.id_token) throw new Error(`the token endpoint answered ${token.status}: ${JSON.stringify(body)}`);
  return body.id_token;
}
