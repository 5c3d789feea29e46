// The local stand-in for an organization's identity provider (Auth0, Okta, Entra ID): a real,
// certified OpenID Provider (the `oidc-provider` package) on 127.0.0.1:8099, with one public test
// client and a login page of ours. Any address signs in with the password `local-password`; adding
// the one-time code `000000` makes the sign-in multi-factor (`amr: ["pwd", "otp"]`, `acr:
// "urn:user-x:mfa"`), which is what step-up asks of OIDC sign-ins.
//
// Its signing keys (RS256 and ES256) are generated at first start and kept in
// .local/oidc-provider/keys.json, so tokens and the functions' cached key sets survive a restart;
// the attack suite reads that file to sign tokens with the real key but wrong claims.
//
//   GET  /interaction/:uid         the login page (email, password, optional code)
//   POST /interaction/:uid/login   form fields email, password, otp: finishes login and consent
//   everything else                the provider: discovery, /auth, /token, /jwks, /me, …
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import Provider from "oidc-provider";

const { values: options } = parseArgs({
  options: {
    listen: { type: "string", default: "127.0.0.1:8099" },
    keys: { type: "string" },
    // Where the test client may be sent back to: the web app's callback and the tests'.
    "redirect-uri": { type: "string", multiple: true, default: [] },
  },
});
if (!options.keys) throw new Error("--keys is required");

export const clientId = "userx-local";
export const password = "local-password";
export const otp = "000000";
export const mfaAcr = "urn:user-x:mfa";

const issuer = `http://${options.listen}`;
const keys = await loadOrCreateKeys(options.keys);
const log = (message, fields = {}) => console.log(JSON.stringify({ time: new Date().toISOString(), message, ...fields }));

async function loadOrCreateKeys(path) {
  if (existsSync(path)) return JSON.parse(readFileSync(path, "utf8"));
  const signing = (alg, type, options) => ({ ...generateKeyPairSync(type, options).privateKey.export({ format: "jwk" }), alg, use: "sig", kid: randomBytes(8).toString("hex") });
  const created = {
    jwks: { keys: [signing("RS256", "rsa", { modulusLength: 2048 }), signing("ES256", "ec", { namedCurve: "P-256" })] },
    cookieKeys: [randomBytes(32).toString("base64url")],
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(created, null, 2), { mode: 0o600 });
  return created;
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      // A browser app and a test: public clients, so PKCE is what binds the code to its requester.
      token_endpoint_auth_method: "none",
      application_type: "web",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      redirect_uris: options["redirect-uri"],
    },
  ],
  jwks: keys.jwks,
  cookies: { keys: keys.cookieKeys },
  pkce: { required: () => true },
  // The claims go into the ID token itself: User-X reads the ID token, never the userinfo endpoint.
  conformIdTokenClaims: false,
  // auth_time, acr and amr under `openid`: the step-up reads them from every ID token, asked for or not.
  claims: { openid: ["sub", "auth_time", "acr", "amr"], email: ["email", "email_verified"], profile: ["name"] },
  acrValues: ["urn:user-x:pwd", mfaAcr],
  findAccount: (_ctx, accountId) => ({
    accountId,
    // The account id is the address it signed in with: one subject per address.
    claims: () => ({ sub: accountId, email: accountId, email_verified: true, name: accountId.split("@")[0] }),
  }),
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: { devInteractions: { enabled: false } },
  ttl: { IdToken: 3600, AccessToken: 3600, Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60 },
});

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error("form too large"));
    });
    req.on("end", () => resolve(new URLSearchParams(body)));
    req.on("error", reject);
  });
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, clientName, error) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in — local identity provider</title></head>
<body><main><h1>Sign in to your organization</h1><p>Local identity provider for ${escape(clientName)}. Password: <code>${password}</code>; one-time code <code>${otp}</code> for a multi-factor sign-in.</p>
${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Email <input name="email" type="email" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<label>One-time code (optional) <input name="otp" inputmode="numeric" autocomplete="one-time-code"></label>
<button type="submit">Sign in</button></form></main></body></html>`;
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  if (req.method === "GET" && action === undefined) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(loginPage(uid, details.params.client_id));
    return;
  }
  if (req.method !== "POST" || action !== "login") {
    res.writeHead(404).end();
    return;
  }
  const form = await readForm(req);
  const email = (form.get("email") ?? "").trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || form.get("password") !== password || (form.get("otp") && form.get("otp") !== otp)) {
    res.writeHead(401, { "content-type": "text/html; charset=utf-8" });
    res.end(loginPage(uid, details.params.client_id, "Wrong email, password or code."));
    return;
  }
  const mfa = form.get("otp") === otp;
  // Login and consent in one step: the test client is first-party, so its scopes are granted as asked.
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: email, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope ?? "openid"));
  const grantId = await grant.save();
  log("oidc.login", { email, mfa });
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: email, amr: mfa ? ["pwd", "otp"] : ["pwd"], acr: mfa ? mfaAcr : "urn:user-x:pwd" }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

const handleProvider = provider.callback();
const server = http.createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(new URL(req.url ?? "/", issuer).pathname);
  if (!match) return handleProvider(req, res);
  interaction(req, res, match[1], match[2]).catch((error) => {
    log("oidc.interaction_failed", { error: String(error) });
    if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
    res.end("this sign-in cannot continue; start again from the application");
  });
});

const [host, port] = options.listen.split(":");
server.listen(Number(port), host, () => log("oidc.listening", { issuer, clientId }));
const stop = () => server.close(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
