import { createHmac, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { importJWK, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformEnv, uniqueName } from "../integration/support/local-platform.js";
import { signUpWithPassword, signUpWithSecondFactor, verifyEmail } from "./support/accounts.js";
import { apiClient } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { oidcClientId, oidcSignIn } from "./support/oidc-grant.js";

// Sign-in with an organization's identity provider (the local oidc-provider), the attack suite
// against it, and step-up: an issuer is trusted only by an owner or admin who signed in with a
// second factor, its real tokens sign in, and every forgery is refused with nothing changed.

const issuer = () => platformEnv("OIDC_ISSUER_URL");
const emailOf = (label: string) => `${uniqueName(label)}@acme-idp.test.user-x.dev`;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

/** The provider's RS256 signing key, as it kept it at first start: the attack suite signs with the real key where only a claim is wrong. */
function providerKey(): JWK & { kid: string } {
  const { jwks } = JSON.parse(readFileSync(platformEnv("OIDC_PROVIDER_KEYS"), "utf8")) as { jwks: { keys: Array<JWK & { kid: string }> } };
  const key = jwks.keys.find((candidate) => candidate.alg === "RS256");
  if (!key) throw new Error("the provider has no RS256 key");
  return key;
}

async function signWithProviderKey(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const jwk = providerKey();
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: jwk.kid, ...header }).sign(await importJWK(jwk, "RS256"));
}

const database = platformDatabase();
afterAll(() => database.close());

describe("OIDC issuers, sign-in and step-up", () => {
  let owner: ReturnType<typeof apiClient>;
  let orgId: string;
  let issuerId: string;

  beforeAll(async () => {
    owner = apiClient((await signUpWithSecondFactor("oidc-owner")).idToken);
    const org = await owner.post("/v1/organizations", { name: "OIDC Org" });
    expect(org.status).toBe(201);
    orgId = org.body.id;
  });

  it("trusts an issuer only for an owner or admin who signed in with a second factor, and audits it", async () => {
    const body = { issuer: issuer(), audience: oidcClientId, algorithms: ["RS256"], mfaAcrValues: ["urn:user-x:mfa"] };
    const password = await signUpWithPassword("oidc-no-mfa");
    const noMfa = apiClient(password.idToken);
    const noMfaId = (await noMfa.get("/v1/account")).body.userId;
    expect((await owner.post(`/v1/organizations/${orgId}/members`, { userId: noMfaId, role: "admin" })).status).toBe(200);

    const refused = await noMfa.post(`/v1/organizations/${orgId}/oidc-issuers`, body);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "mfa_required", reason: "no_second_factor", maxAgeSeconds: 600 });
    expect(refused.body.detail).toMatch(/second factor/);

    const added = await owner.post(`/v1/organizations/${orgId}/oidc-issuers`, body);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ orgId, issuer: issuer(), audience: oidcClientId, algorithms: ["RS256"] });
    issuerId = added.body.id;
    expect((await owner.post(`/v1/organizations/${orgId}/oidc-issuers`, body)).body).toMatchObject({ code: "conflict", reason: "already_trusted" });
    expect((await noMfa.get(`/v1/organizations/${orgId}/oidc-issuers`)).body.data.map((i: { id: string }) => i.id)).toEqual([issuerId]);
    const audit = await owner.get(`/v1/organizations/${orgId}/audit-log?action=oidc_issuer.added`);
    expect(audit.body.data).toHaveLength(1);
    // A stranger, even stepped up, learns nothing of the organization.
    const stranger = apiClient((await signUpWithSecondFactor("oidc-stranger")).idToken);
    expect((await stranger.post(`/v1/organizations/${orgId}/oidc-issuers`, { ...body, audience: "other" })).status).toBe(404);
  });

  it("signs a person in through a real authorization code grant with PKCE, as one user per subject", async () => {
    const email = emailOf("ada");
    const first = await apiClient(await oidcSignIn(email)).get("/v1/account");
    expect(first.status).toBe(200);
    const again = await apiClient(await oidcSignIn(email)).get("/v1/account");
    expect(again.body.userId).toBe(first.body.userId);
    expect(await database.db.collection("oidc_subjects").findOne({ _id: JSON.stringify([issuer(), email]) as never })).toMatchObject({ userId: first.body.userId });
  });

  it("takes the provider's amr/acr as a second factor: an OIDC admin steps up with the one-time code", async () => {
    const email = emailOf("grace");
    const userId = (await apiClient(await oidcSignIn(email)).get("/v1/account")).body.userId;
    expect((await owner.post(`/v1/organizations/${orgId}/members`, { userId, role: "admin" })).status).toBe(200);
    const body = { issuer: issuer(), audience: "another-client" };
    const withoutCode = await apiClient(await oidcSignIn(email)).post(`/v1/organizations/${orgId}/oidc-issuers`, body);
    expect(withoutCode.body).toMatchObject({ status: 403, code: "mfa_required" });
    const withCode = await apiClient(await oidcSignIn(email, { mfa: true })).post(`/v1/organizations/${orgId}/oidc-issuers`, body);
    expect(withCode.status).toBe(201);
    expect((await apiClient(await oidcSignIn(email, { mfa: true })).raw("DELETE", `/v1/organizations/${orgId}/oidc-issuers/${withCode.body.id}`)).status).toBe(200);
  });

  it("refuses every forgery with 401 and changes nothing (attack suite)", async () => {
    const jwk = providerKey();
    const good = { iss: issuer(), aud: oidcClientId, sub: emailOf("mallory"), email: "victim@acme-idp.test.user-x.dev", email_verified: true, iat: now(), exp: now() + 600 };
    const signingInput = `${b64({ alg: "HS256", kid: jwk.kid })}.${b64(good)}`;
    const hs256 = (secret: string) => `${signingInput}.${createHmac("sha256", secret).update(signingInput).digest("base64url")}`;
    const publicJwk = { kty: jwk.kty, n: jwk.n, e: jwk.e, kid: jwk.kid, alg: "RS256", use: "sig" };
    const forgeries: Record<string, string> = {
      "alg none": `${b64({ alg: "none", kid: jwk.kid })}.${b64(good)}.`,
      "HS256 keyed with the issuer's public JWK": hs256(JSON.stringify(publicJwk)),
      "HS256 keyed with the issuer's modulus": hs256(String(jwk.n)),
      "another issuer, real key": await signWithProviderKey({ ...good, iss: `${issuer()}/evil` }),
      "another audience, real key": await signWithProviderKey({ ...good, aud: "someone-else" }),
      "expired, real key": await signWithProviderKey({ ...good, iat: now() - 7200, exp: now() - 3600 }),
      "unknown kid": await signWithProviderKey(good, { kid: "not-a-key-of-the-issuer" }),
    };
    // Its own client address, so the refused-credential limit counts these against no other test.
    const address = { "x-forwarded-for": `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}` };
    const users = await database.db.collection("users").countDocuments();
    const subjects = await database.db.collection("oidc_subjects").countDocuments();
    for (const [name, token] of Object.entries(forgeries)) {
      const answer = await apiClient(token).post("/v1/organizations", { name: "Forged Org" }, address);
      expect({ name, status: answer.status, code: answer.body.code }).toEqual({ name, status: 401, code: "unauthenticated" });
    }
    expect(await database.db.collection("users").countDocuments()).toBe(users);
    expect(await database.db.collection("oidc_subjects").countDocuments()).toBe(subjects);
    // The same claims, correctly signed, are let in: what refused the forgeries is the forgery.
    expect((await apiClient(await signWithProviderKey(good)).get("/v1/account")).status).toBe(200);
  });

  it("links a sign-in to an existing account only on the same verified address, by an explicit step", async () => {
    const account = await signUpWithPassword("oidc-linker");
    const link = (client: ReturnType<typeof apiClient>, idToken: string) => client.post("/v1/account/oidc-identities", { idToken });
    // Verifying the token to link signs nobody in: these refusals map no subject.
    expect((await link(apiClient(account.idToken), await oidcSignIn(account.email))).body).toMatchObject({ status: 403, reason: "email_not_verified" });
    const verified = apiClient(await verifyEmail(account.localId, account.email));
    const userId = (await verified.get("/v1/account")).body.userId;
    expect((await link(verified, await oidcSignIn(emailOf("someone-else")))).body).toMatchObject({ status: 403, reason: "email_mismatch" });
    expect((await link(verified, await signWithProviderKey({ iss: issuer(), aud: "someone-else", sub: account.email, email: account.email, email_verified: true, iat: now(), exp: now() + 600 }))).body).toMatchObject({ status: 400, reason: "invalid_token" });

    const idToken = await oidcSignIn(account.email);
    const linked = await link(verified, idToken);
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({ issuer: issuer(), subject: account.email });
    expect((await apiClient(await oidcSignIn(account.email)).get("/v1/account")).body.userId).toBe(userId);
    expect((await link(verified, idToken)).status).toBe(201);

    // A subject that signed in on its own first keeps its own account: no silent merge.
    const loner = await signUpWithPassword("oidc-loner");
    await apiClient(await oidcSignIn(loner.email)).get("/v1/account");
    const lonerClient = apiClient(await verifyEmail(loner.localId, loner.email));
    expect((await link(lonerClient, await oidcSignIn(loner.email))).body).toMatchObject({ status: 409, reason: "already_linked" });
  });

  it("stops trusting the issuer on removal, audited", async () => {
    expect((await owner.raw("DELETE", `/v1/organizations/${orgId}/oidc-issuers/${issuerId}`)).status).toBe(200);
    expect((await owner.raw("DELETE", `/v1/organizations/${orgId}/oidc-issuers/${issuerId}`)).status).toBe(404);
    expect((await owner.get(`/v1/organizations/${orgId}/oidc-issuers`)).body.data).toEqual([]);
    // Grace's removal above, then this one.
    const removals = (await owner.get(`/v1/organizations/${orgId}/audit-log?action=oidc_issuer.removed`)).body.data;
    expect(removals).toHaveLength(2);
  });
});
