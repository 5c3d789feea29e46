import { describe, expect, it, vi } from "vitest";
import { authenticate } from "../../../../src/app/identity/authenticate.js";
import type { RouteAuth } from "../../../../src/contracts/route.js";
import { withMember } from "../../../../src/domain/organizations/organization.js";
import { organizationWithEveryRole, storedApiKey } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";
import { emptyProfile } from "../../../../src/domain/identity/profile.js";

/** Acme, stored with a member in each role; keys made in it are its owner's unless said otherwise. */
async function acme(deps: InMemoryDeps) {
  const stored = await organizationWithEveryRole(deps);
  return { ...stored, orgId: stored.org.id };
}
const userOnly: RouteAuth = { kind: "user" };
const readOpportunities: RouteAuth = { kind: "user_or_api_key", scope: "opportunities:read" };

describe("authenticate", () => {
  it("asks nothing of the caller on a public route", async () => {
    expect(await authenticate(inMemoryDeps(), undefined, { kind: "public" }, "203.0.113.1")).toBeUndefined();
  });

  it.each([undefined, "", "Bearer", "Basic dXNlcjpwYXNz", "Bearer two tokens"])("refuses a missing or malformed Authorization header (%j): unauthenticated", async (header) => {
    await expect(authenticate(inMemoryDeps(), header, userOnly, "203.0.113.1")).rejects.toMatchObject({ code: "unauthenticated" });
  });

  describe("ID tokens", () => {
    it("creates the user on first sight and finds the same user afterwards", async () => {
      const deps = inMemoryDeps();
      const token = deps.identity.issueToken("firebase:alice");

      const first = await authenticate(deps, `Bearer ${token}`, userOnly, "203.0.113.1");
      deps.clock.advance(60_000);
      const second = await authenticate(deps, `bearer ${token}`, readOpportunities, "203.0.113.1");

      expect(first).toEqual({ kind: "user", userId: "usr_0000000000000001", anonymous: false, operator: false });
      expect(second).toEqual(first);
      expect(deps.users.table.all()).toEqual([{ id: "usr_0000000000000001", identityKey: "firebase:alice", createdAt: new Date("2026-03-02T09:00:00.000Z"), profile: emptyProfile, emailOptOuts: [], erasure: null, erasedAt: null, version: 1 }]);
    });

    it("carries the token's email only when it is verified, lowercased", async () => {
      const deps = inMemoryDeps();
      const verified = deps.identity.issueToken("firebase:bob", { email: " Bob@Example.com", emailVerified: true });
      const unverified = deps.identity.issueToken("firebase:mallory", { email: "bob@example.com", emailVerified: false });

      expect(await authenticate(deps, `Bearer ${verified}`, userOnly, "203.0.113.1")).toMatchObject({ verifiedEmail: "bob@example.com" });
      expect(await authenticate(deps, `Bearer ${unverified}`, userOnly, "203.0.113.1")).not.toHaveProperty("verifiedEmail");
    });

    it("gives different identities different users", async () => {
      const deps = inMemoryDeps();
      const alice = await authenticate(deps, `Bearer ${deps.identity.issueToken("firebase:alice")}`, userOnly, "203.0.113.1");
      const bob = await authenticate(deps, `Bearer ${deps.identity.issueToken("oidc:https://auth.example.com/:bob")}`, userOnly, "203.0.113.1");
      expect(alice).not.toEqual(bob);
      expect(deps.users.table.all()).toHaveLength(2);
    });

    it("lets an anonymous sign-in browse only: forbidden on every route that does not say so", async () => {
      const deps = inMemoryDeps();
      const token = deps.identity.issueToken("firebase:anon", { anonymous: true });
      await expect(authenticate(deps, `Bearer ${token}`, userOnly, "203.0.113.1")).rejects.toMatchObject({ code: "forbidden", details: { reason: "anonymous_account" } });
      expect(await authenticate(deps, `Bearer ${token}`, { ...readOpportunities, anonymous: true }, "203.0.113.1")).toMatchObject({ anonymous: true });
    });

    it("marks an operator's claim on the principal", async () => {
      const deps = inMemoryDeps();
      expect(await authenticate(deps, `Bearer ${deps.identity.issueToken("firebase:ops", { operator: true })}`, userOnly, "203.0.113.1")).toMatchObject({ anonymous: false, operator: true });
    });

    it("lets only an operator's token through an operator route: forbidden otherwise", async () => {
      const deps = inMemoryDeps();
      const operatorOnly: RouteAuth = { kind: "operator" };
      await expect(authenticate(deps, `Bearer ${deps.identity.issueToken("firebase:alice")}`, operatorOnly, "203.0.113.1")).rejects.toMatchObject({ code: "forbidden" });
      expect(await authenticate(deps, `Bearer ${deps.identity.issueToken("firebase:ops", { operator: true })}`, operatorOnly, "203.0.113.1")).toMatchObject({ operator: true });
    });

    it("checks a revoked token only on sensitive routes, where it is refused: unauthenticated", async () => {
      const deps = inMemoryDeps();
      const token = deps.identity.issueToken("firebase:alice");
      deps.identity.revoked.add(token);
      expect(await authenticate(deps, `Bearer ${token}`, userOnly, "203.0.113.1")).toMatchObject({ kind: "user" });
      await expect(authenticate(deps, `Bearer ${token}`, { kind: "user", sensitive: true }, "203.0.113.1")).rejects.toMatchObject({ code: "unauthenticated" });
    });

    it("refuses a token the verifier rejects, creating no user", async () => {
      const deps = inMemoryDeps();
      await expect(authenticate(deps, "Bearer forged.id.token", userOnly, "203.0.113.1")).rejects.toMatchObject({ code: "unauthenticated" });
      expect(deps.users.table.all()).toEqual([]);
    });
  });

  describe("API keys", () => {
    it("resolve to their organization and scopes, and are marked used", async () => {
      const deps = inMemoryDeps();
      const { orgId } = await acme(deps);
      const { key, principal } = await storedApiKey(deps, orgId, ["opportunities:read"]);
      deps.clock.advance(60_000);

      expect(await authenticate(deps, `Bearer ${key}`, readOpportunities, "203.0.113.1")).toEqual(principal);
      expect(deps.apiKeys.table.get(principal.keyId)?.lastUsedAt).toEqual(deps.clock.now());
    });

    it("are marked used at most once a minute", async () => {
      const deps = inMemoryDeps();
      const { orgId } = await acme(deps);
      const { key, principal } = await storedApiKey(deps, orgId, ["opportunities:read"]);
      await authenticate(deps, `Bearer ${key}`, readOpportunities, "203.0.113.1");
      const firstUse = deps.clock.now();
      deps.clock.advance(59_000);
      await authenticate(deps, `Bearer ${key}`, readOpportunities, "203.0.113.1");
      expect(deps.apiKeys.table.get(principal.keyId)?.lastUsedAt).toEqual(firstUse);
      deps.clock.advance(1_000);
      await authenticate(deps, `Bearer ${key}`, readOpportunities, "203.0.113.1");
      expect(deps.apiKeys.table.get(principal.keyId)?.lastUsedAt).toEqual(deps.clock.now());
    });

    it("are refused on a route for signed-in users only: forbidden", async () => {
      const deps = inMemoryDeps();
      const { orgId } = await acme(deps);
      const { key } = await storedApiKey(deps, orgId, ["opportunities:read"]);
      await expect(authenticate(deps, `Bearer ${key}`, userOnly, "203.0.113.1")).rejects.toMatchObject({ code: "forbidden" });
    });

    it("are refused without the route's scope: forbidden, and not marked used", async () => {
      const deps = inMemoryDeps();
      const { orgId } = await acme(deps);
      const { key, principal } = await storedApiKey(deps, orgId, ["claims:read"]);
      await expect(authenticate(deps, `Bearer ${key}`, readOpportunities, "203.0.113.1")).rejects.toMatchObject({ code: "forbidden" });
      expect(deps.apiKeys.table.get(principal.keyId)?.lastUsedAt).toBeNull();
    });

    it("are refused on a bad checksum without a repository lookup: unauthenticated", async () => {
      const deps = inMemoryDeps();
      const { orgId } = await acme(deps);
      const { key } = await storedApiKey(deps, orgId, ["opportunities:read"]);
      const mistyped = `${key.slice(0, 10)}${key.charAt(10) === "a" ? "b" : "a"}${key.slice(11)}`;
      const lookup = vi.spyOn(deps.apiKeys, "findByHash");

      await expect(authenticate(deps, `Bearer ${mistyped}`, readOpportunities, "203.0.113.1")).rejects.toMatchObject({ code: "unauthenticated" });
      expect(lookup).not.toHaveBeenCalled();
    });

    it("are refused when unknown: unauthenticated", async () => {
      const deps = inMemoryDeps();
      const { key } = await storedApiKey(inMemoryDeps(), "org_AcmeResearch000001", ["opportunities:read"]);
      await expect(authenticate(deps, `Bearer ${key}`, readOpportunities, "203.0.113.1")).rejects.toMatchObject({ code: "unauthenticated" });
    });


    it("lose what their creator's role lost: a key of an admin demoted to viewer can no longer write", async () => {
      const deps = inMemoryDeps();
      const { orgId, owner, admin } = await acme(deps);
      const writeOpportunities: RouteAuth = { kind: "user_or_api_key", scope: "opportunities:write" };
      const { key } = await storedApiKey(deps, orgId, ["opportunities:write", "opportunities:read"], admin.userId);
      expect(await authenticate(deps, `Bearer ${key}`, writeOpportunities, "203.0.113.1")).toMatchObject({ kind: "api_key", createdBy: admin.userId });

      const org = await deps.organizations.findById(orgId);
      await deps.organizations.save(withMember(org!, owner.userId, admin.userId, "viewer"), org!.version);

      await expect(authenticate(deps, `Bearer ${key}`, writeOpportunities, "203.0.113.1")).rejects.toMatchObject({ code: "forbidden" });
      expect(await authenticate(deps, `Bearer ${key}`, readOpportunities, "203.0.113.1")).toMatchObject({ kind: "api_key" });
    });

    it("refuse a key made before keys recorded their creator: unauthenticated", async () => {
      const deps = inMemoryDeps();
      const { orgId } = await acme(deps);
      const { key, principal } = await storedApiKey(deps, orgId, ["opportunities:read"]);
      deps.apiKeys.table.update(principal.keyId, () => true, (k) => ({ ...k, createdBy: null }));
      await expect(authenticate(deps, `Bearer ${key}`, readOpportunities, "203.0.113.1")).rejects.toMatchObject({ code: "unauthenticated" });
    });
  });
});
