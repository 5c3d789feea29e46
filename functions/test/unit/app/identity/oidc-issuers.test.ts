import { describe, expect, it } from "vitest";
import { authenticate } from "../../../../src/app/identity/authenticate.js";
import { linkOidcIdentity } from "../../../../src/app/identity/link-oidc-identity.js";
import { addOidcIssuer, listOidcIssuers, removeOidcIssuer } from "../../../../src/app/identity/oidc-issuers.js";
import { OidcIssuerIn } from "../../../../src/contracts/oidc-issuers.js";
import { AppError } from "../../../../src/domain/app-error.js";
import type { Principal } from "../../../../src/domain/identity/principal.js";
import { organizationWithEveryRole } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const issuer = "https://idp.acme.example";
const allowAll = { assertAllowed: async () => undefined };

function depsWith(destinations = allowAll) {
  const deps = inMemoryDeps();
  return { ...deps, destinations };
}

async function acme(deps: InMemoryDeps) {
  const stored = await organizationWithEveryRole(deps);
  return { orgId: stored.org.id, as: (who: "owner" | "admin" | "developer" | "viewer"): Principal => stored[who] };
}

const input = (overrides: Record<string, unknown> = {}) => OidcIssuerIn.parse({ issuer, audience: "userx", ...overrides });

describe("OIDC issuers of an organization", () => {
  it("lets owners and admins add and remove issuers, any member list them, and nobody else anything", async () => {
    const deps = depsWith();
    const { orgId, as } = await acme(deps);
    const added = await addOidcIssuer(deps, as("admin"), orgId, input());
    expect(added).toMatchObject({ orgId, issuer, audience: "userx", algorithms: ["RS256"], mfaAcrValues: [] });
    await expect(addOidcIssuer(deps, as("developer"), orgId, input({ audience: "other" }))).rejects.toMatchObject({ code: "forbidden" });
    expect((await listOidcIssuers(deps, as("viewer"), orgId)).data).toEqual([added]);
    await expect(removeOidcIssuer(deps, as("developer"), orgId, added.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await removeOidcIssuer(deps, as("owner"), orgId, added.id)).toEqual(added);
    await expect(removeOidcIssuer(deps, as("owner"), orgId, added.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("trusts an issuer once per audience: again answers conflict", async () => {
    const deps = depsWith();
    const { orgId, as } = await acme(deps);
    await addOidcIssuer(deps, as("owner"), orgId, input());
    await expect(addOidcIssuer(deps, as("owner"), orgId, input())).rejects.toMatchObject({ code: "conflict", details: { reason: "already_trusted" } });
    await expect(addOidcIssuer(deps, as("owner"), orgId, input({ audience: "another" }))).resolves.toBeDefined();
  });

  it("refuses an issuer URL the destination policy refuses, and Firebase's own issuers", async () => {
    const deps = depsWith({ assertAllowed: async () => Promise.reject(new AppError("destination_refused", "no")) });
    const { orgId, as } = await acme(deps);
    await expect(addOidcIssuer(deps, as("owner"), orgId, input())).rejects.toMatchObject({ code: "destination_refused" });
    const open = depsWith();
    const other = await acme(open);
    await expect(addOidcIssuer(open, other.as("owner"), other.orgId, input({ issuer: "https://securetoken.google.com/demo-userx" }))).rejects.toMatchObject({ code: "validation_failed" });
    expect(open.oidcIssuers.issuers).toEqual([]);
  });

  it("accepts only asymmetric algorithms in a configuration", () => {
    for (const algorithm of ["none", "HS256", "HS512"]) expect(OidcIssuerIn.safeParse({ issuer, audience: "userx", algorithms: [algorithm] }).success).toBe(false);
    expect(OidcIssuerIn.safeParse({ issuer, audience: "userx", algorithms: ["ES256", "EdDSA"] }).success).toBe(true);
  });
});

describe("OIDC sign-in and linking", () => {
  const oidc = { issuer, subject: "ada" };

  it("maps a subject to one user, kept across sign-ins, and believes no address from the issuer", async () => {
    const deps = inMemoryDeps();
    const token = deps.identity.issueToken(`oidc:${issuer}:ada`, { email: "ada@acme.example", emailVerified: true, oidc });
    const first = await authenticate(deps, `Bearer ${token}`, { kind: "user" }, "203.0.113.1");
    const second = await authenticate(deps, `Bearer ${token}`, { kind: "user" }, "203.0.113.1");
    expect(second).toEqual(first);
    expect(first).not.toHaveProperty("verifiedEmail");
    expect(await deps.oidcSubjects.find(issuer, "ada")).toMatchObject({ userId: first!.kind === "user" ? first!.userId : "" });
  });

  it("carries when the sign-in used a second factor", async () => {
    const deps = inMemoryDeps();
    const at = new Date("2026-03-02T08:55:00.000Z");
    const token = deps.identity.issueToken("firebase:grace", { secondFactorAt: at });
    expect(await authenticate(deps, `Bearer ${token}`, { kind: "user" }, "203.0.113.1")).toMatchObject({ secondFactorAt: at });
  });

  it("links a subject to the signed-in account on the same verified address; then the subject signs in as that account", async () => {
    const deps = inMemoryDeps();
    const account = await authenticate(deps, `Bearer ${deps.identity.issueToken("firebase:ada", { email: "Ada@acme.example", emailVerified: true })}`, { kind: "user" }, "203.0.113.1");
    const idToken = deps.identity.issueToken(`oidc:${issuer}:ada`, { email: "ada@acme.example", emailVerified: true, oidc });
    expect(await linkOidcIdentity(deps, account!, { idToken })).toMatchObject({ issuer, subject: "ada" });
    expect(await authenticate(deps, `Bearer ${idToken}`, { kind: "user" }, "203.0.113.1")).toMatchObject({ userId: account!.kind === "user" ? account!.userId : "" });
    await expect(linkOidcIdentity(deps, account!, { idToken })).resolves.toMatchObject({ subject: "ada" });
  });

  it.each([
    ["the account's address is not verified", { accountVerified: false, tokenEmail: "ada@acme.example", tokenVerified: true }, "email_not_verified"],
    ["the token names another address", { accountVerified: true, tokenEmail: "eve@acme.example", tokenVerified: true }, "email_mismatch"],
    ["the token's address is not verified", { accountVerified: true, tokenEmail: "ada@acme.example", tokenVerified: false }, "email_mismatch"],
  ])("refuses to link when %s", async (_, { accountVerified, tokenEmail, tokenVerified }, reason) => {
    const deps = inMemoryDeps();
    const account = await authenticate(deps, `Bearer ${deps.identity.issueToken("firebase:ada", { email: "ada@acme.example", emailVerified: accountVerified })}`, { kind: "user" }, "203.0.113.1");
    const idToken = deps.identity.issueToken(`oidc:${issuer}:ada`, { email: tokenEmail, emailVerified: tokenVerified, oidc });
    await expect(linkOidcIdentity(deps, account!, { idToken })).rejects.toMatchObject({ code: "forbidden", details: { reason } });
    expect(await deps.oidcSubjects.find(issuer, "ada")).toBeNull();
  });

  it("does not move a subject that signed in on its own first, and refuses a token that is not an issuer's", async () => {
    const deps = inMemoryDeps();
    const idToken = deps.identity.issueToken(`oidc:${issuer}:ada`, { email: "ada@acme.example", emailVerified: true, oidc });
    await authenticate(deps, `Bearer ${idToken}`, { kind: "user" }, "203.0.113.1");
    const account = await authenticate(deps, `Bearer ${deps.identity.issueToken("firebase:ada", { email: "ada@acme.example", emailVerified: true })}`, { kind: "user" }, "203.0.113.1");
    await expect(linkOidcIdentity(deps, account!, { idToken })).rejects.toMatchObject({ code: "conflict", details: { reason: "already_linked" } });
    await expect(linkOidcIdentity(deps, account!, { idToken: deps.identity.issueToken("firebase:other") })).rejects.toMatchObject({ code: "validation_failed", details: { reason: "not_an_oidc_token" } });
    await expect(linkOidcIdentity(deps, account!, { idToken: "forged" })).rejects.toMatchObject({ code: "validation_failed", details: { reason: "invalid_token" } });
  });
});
