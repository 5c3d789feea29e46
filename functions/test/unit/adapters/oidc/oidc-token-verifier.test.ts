import { createHmac } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { identityVerifier } from "../../../../src/adapters/oidc/identity-verifier.js";
import { oidcTokenVerifier } from "../../../../src/adapters/oidc/oidc-token-verifier.js";
import type { OidcIssuer } from "../../../../src/domain/identity/oidc-issuer.js";
import { InMemoryOidcIssuerRepository } from "../../support/in-memory-oidc.js";

const issuer = "https://idp.example.com";
const audience = "userx-client";
const start = new Date("2026-03-02T09:00:00.000Z");
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

const config: OidcIssuer = { id: "oid_0000000000000001", orgId: "org_0000000000000001", issuer, audience, algorithms: ["RS256"], mfaAcrValues: ["urn:acme:mfa"], createdBy: "usr_0000000000000001", createdAt: start };

/** An issuer in memory: its discovery document and key set, counting how often each is fetched. */
async function fakeIssuer() {
  const key = async (kid: string) => {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } as JWK };
  };
  const current = await key("k1");
  const published: JWK[] = [current.publicJwk];
  const fetched = { discovery: 0, jwks: 0 };
  const fetch = vi.fn(async (url: string) => {
    if (url === `${issuer}/.well-known/openid-configuration`) {
      fetched.discovery += 1;
      return Response.json({ issuer, jwks_uri: `${issuer}/jwks` });
    }
    if (url === `${issuer}/jwks`) {
      fetched.jwks += 1;
      return Response.json({ keys: published });
    }
    return new Response("not found", { status: 404 });
  });
  const sign = (claims: JWTPayload, { signer = current, alg = "RS256" } = {}) =>
    new SignJWT({ email: "ada@acme.example", email_verified: true, ...claims })
      .setProtectedHeader({ alg, kid: signer.kid })
      .setIssuer(String(claims.iss ?? issuer))
      .setAudience(claims.aud ?? audience)
      .setSubject("ada")
      .setIssuedAt(claims.iat ?? seconds(new Date()))
      .setExpirationTime(claims.exp ?? seconds(new Date()) + 3600)
      .sign(signer.privateKey);
  return { fetch, fetched, sign, current, published, key };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("oidcTokenVerifier", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
  });
  afterEach(() => vi.useRealTimers());

  it("verifies a token of a trusted issuer: the subject, the verified address, no second factor", async () => {
    const idp = await fakeIssuer();
    const identity = await oidcTokenVerifier({ fetch: idp.fetch }).verify(await idp.sign({}), [config]);
    expect(identity).toEqual({ identityKey: `oidc:${issuer}:ada`, anonymous: false, email: "ada@acme.example", emailVerified: true, operator: false, oidc: { issuer, subject: "ada" } });
  });

  it.each([
    ["an amr naming a one-time code", { amr: ["pwd", "otp"] }],
    ["an acr the configuration names", { acr: "urn:acme:mfa" }],
  ])("takes %s as a second factor, at auth_time", async (_, claims) => {
    const idp = await fakeIssuer();
    const authTime = seconds(start) - 120;
    const identity = await oidcTokenVerifier({ fetch: idp.fetch }).verify(await idp.sign({ ...claims, auth_time: authTime }), [config]);
    expect(identity.secondFactorAt).toEqual(new Date(authTime * 1000));
  });

  it("does not take an acr the configuration does not name, nor a password amr, as a second factor", async () => {
    const idp = await fakeIssuer();
    const identity = await oidcTokenVerifier({ fetch: idp.fetch }).verify(await idp.sign({ amr: ["pwd"], acr: "urn:other:mfa" }), [config]);
    expect(identity).not.toHaveProperty("secondFactorAt");
  });

  it("caches the key set: many tokens, one discovery and one key set fetch", async () => {
    const idp = await fakeIssuer();
    const verifier = oidcTokenVerifier({ fetch: idp.fetch });
    for (let i = 0; i < 5; i += 1) await verifier.verify(await idp.sign({}), [config]);
    expect(idp.fetched).toEqual({ discovery: 1, jwks: 1 });
  });

  it("refetches the key set on an unknown kid (after the cooldown), so a rotated key is used at once", async () => {
    const idp = await fakeIssuer();
    const verifier = oidcTokenVerifier({ fetch: idp.fetch });
    await verifier.verify(await idp.sign({}), [config]);
    const rotated = await idp.key("k2");
    idp.published.push(rotated.publicJwk);
    vi.setSystemTime(new Date(start.getTime() + 31_000));
    await expect(verifier.verify(await idp.sign({}, { signer: rotated }), [config])).resolves.toMatchObject({ oidc: { subject: "ada" } });
    expect(idp.fetched.jwks).toBe(2);
  });

  describe("refuses forgeries and tokens not for us (401 unauthenticated)", () => {
    it("alg none", async () => {
      const idp = await fakeIssuer();
      const now = seconds(start);
      const token = `${b64({ alg: "none", kid: "k1" })}.${b64({ iss: issuer, aud: audience, sub: "ada", iat: now, exp: now + 3600 })}.`;
      await expect(oidcTokenVerifier({ fetch: idp.fetch }).verify(token, [config])).rejects.toMatchObject({ code: "unauthenticated" });
    });

    it("HS256 with the issuer's public key as the HMAC secret", async () => {
      const idp = await fakeIssuer();
      const now = seconds(start);
      const signingInput = `${b64({ alg: "HS256", kid: "k1" })}.${b64({ iss: issuer, aud: audience, sub: "ada", iat: now, exp: now + 3600 })}`;
      for (const secret of [JSON.stringify(idp.current.publicJwk), String(idp.current.publicJwk.n)]) {
        const token = `${signingInput}.${createHmac("sha256", secret).update(signingInput).digest("base64url")}`;
        await expect(oidcTokenVerifier({ fetch: idp.fetch }).verify(token, [config])).rejects.toMatchObject({ code: "unauthenticated" });
      }
    });

    it.each([
      ["another issuer", { iss: "https://evil.example.com" }],
      ["another audience", { aud: "someone-else" }],
      ["expired beyond the clock tolerance", { exp: seconds(start) - 31, iat: seconds(start) - 3600 }],
      ["not valid yet beyond the clock tolerance", { nbf: seconds(start) + 31 }],
    ])("%s", async (_, claims) => {
      const idp = await fakeIssuer();
      await expect(oidcTokenVerifier({ fetch: idp.fetch }).verify(await idp.sign(claims), [config])).rejects.toMatchObject({ code: "unauthenticated" });
    });

    it("an algorithm the issuer is not pinned to, even correctly signed", async () => {
      const idp = await fakeIssuer();
      const token = await idp.sign({}, { alg: "RS256" });
      await expect(oidcTokenVerifier({ fetch: idp.fetch }).verify(token, [{ ...config, algorithms: ["ES256"] }])).rejects.toMatchObject({ code: "unauthenticated" });
    });

    it("an unknown kid, signed by a key the issuer never published", async () => {
      const idp = await fakeIssuer();
      const stranger = await idp.key("unknown");
      await expect(oidcTokenVerifier({ fetch: idp.fetch }).verify(await idp.sign({}, { signer: stranger }), [config])).rejects.toMatchObject({ code: "unauthenticated" });
    });

    it("a discovery document that names another issuer", async () => {
      const idp = await fakeIssuer();
      const lying = vi.fn(async (url: string) => (url.endsWith("/openid-configuration") ? Response.json({ issuer: "https://other.example.com", jwks_uri: `${issuer}/jwks` }) : idp.fetch(url)));
      await expect(oidcTokenVerifier({ fetch: lying }).verify(await idp.sign({}), [config])).rejects.toMatchObject({ code: "unauthenticated" });
    });
  });

  it("accepts expiry and not-before within the 30 s clock tolerance", async () => {
    const idp = await fakeIssuer();
    const verifier = oidcTokenVerifier({ fetch: idp.fetch });
    await expect(verifier.verify(await idp.sign({ exp: seconds(start) - 20, iat: seconds(start) - 3600 }), [config])).resolves.toBeDefined();
    await expect(verifier.verify(await idp.sign({ nbf: seconds(start) + 20 }), [config])).resolves.toBeDefined();
  });
});

describe("identityVerifier", () => {
  it("sends a token of a trusted issuer to the OIDC verifier and any other to Firebase", async () => {
    vi.useRealTimers();
    const idp = await fakeIssuer();
    const issuers = new InMemoryOidcIssuerRepository();
    await issuers.add(config);
    const firebase = { verify: vi.fn(async () => ({ identityKey: "firebase:u1", anonymous: false, emailVerified: false, operator: false })) };
    const verifier = identityVerifier(firebase, oidcTokenVerifier({ fetch: idp.fetch }), issuers);

    expect(await verifier.verify(await idp.sign({}))).toMatchObject({ identityKey: `oidc:${issuer}:ada` });
    expect(firebase.verify).not.toHaveBeenCalled();
    expect(await verifier.verify(await idp.sign({ iss: "https://securetoken.google.com/demo-userx" }))).toMatchObject({ identityKey: "firebase:u1" });
    expect(await verifier.verify("not-a-jwt")).toMatchObject({ identityKey: "firebase:u1" });
  });
});
