import { describe, expect, it, vi } from "vitest";
import { authenticate } from "../../../../src/app/identity/authenticate.js";
import type { RouteAuth } from "../../../../src/contracts/route.js";
import { storedApiKey } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";

const orgId = "org_AcmeResearch000001";
const userOnly: RouteAuth = { kind: "user" };
const readOpportunities: RouteAuth = { kind: "user_or_api_key", scope: "opportunities:read" };

describe("authenticate", () => {
  it("asks nothing of the caller on a public route", async () => {
    expect(await authenticate(inMemoryDeps(), undefined, { kind: "public" })).toBeUndefined();
  });

  it.each([undefined, "", "Bearer", "Basic dXNlcjpwYXNz", "Bearer two tokens"])("refuses a missing or malformed Authorization header (%j): unauthenticated", async (header) => {
    await expect(authenticate(inMemoryDeps(), header, userOnly)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  describe("ID tokens", () => {
    it("creates the user on first sight and finds the same user afterwards", async () => {
      const deps = inMemoryDeps();
      const token = deps.identity.issueToken("firebase:alice");

      const first = await authenticate(deps, `Bearer ${token}`, userOnly);
      deps.clock.advance(60_000);
      const second = await authenticate(deps, `bearer ${token}`, readOpportunities);

      expect(first).toEqual({ kind: "user", userId: "usr_0000000000000001" });
      expect(second).toEqual(first);
      expect(deps.users.table.all()).toEqual([{ id: "usr_0000000000000001", identityKey: "firebase:alice", createdAt: new Date("2026-03-02T09:00:00.000Z"), version: 1 }]);
    });

    it("gives different identities different users", async () => {
      const deps = inMemoryDeps();
      const alice = await authenticate(deps, `Bearer ${deps.identity.issueToken("firebase:alice")}`, userOnly);
      const bob = await authenticate(deps, `Bearer ${deps.identity.issueToken("oidc:https://auth.example.com/:bob")}`, userOnly);
      expect(alice).not.toEqual(bob);
      expect(deps.users.table.all()).toHaveLength(2);
    });

    it("refuses a token the verifier rejects, creating no user", async () => {
      const deps = inMemoryDeps();
      await expect(authenticate(deps, "Bearer forged.id.token", userOnly)).rejects.toMatchObject({ code: "unauthenticated" });
      expect(deps.users.table.all()).toEqual([]);
    });
  });

  describe("API keys", () => {
    it("resolve to their organization and scopes, and are marked used", async () => {
      const deps = inMemoryDeps();
      const { key, principal } = await storedApiKey(deps, orgId, ["opportunities:read"]);
      deps.clock.advance(60_000);

      expect(await authenticate(deps, `Bearer ${key}`, readOpportunities)).toEqual(principal);
      expect(deps.apiKeys.table.get(principal.keyId)?.lastUsedAt).toEqual(deps.clock.now());
    });

    it("are marked used at most once a minute", async () => {
      const deps = inMemoryDeps();
      const { key, principal } = await storedApiKey(deps, orgId, ["opportunities:read"]);
      await authenticate(deps, `Bearer ${key}`, readOpportunities);
      const firstUse = deps.clock.now();
      deps.clock.advance(59_000);
      await authenticate(deps, `Bearer ${key}`, readOpportunities);
      expect(deps.apiKeys.table.get(principal.keyId)?.lastUsedAt).toEqual(firstUse);
      deps.clock.advance(1_000);
      await authenticate(deps, `Bearer ${key}`, readOpportunities);
      expect(deps.apiKeys.table.get(principal.keyId)?.lastUsedAt).toEqual(deps.clock.now());
    });

    it("are refused on a route for signed-in users only: forbidden", async () => {
      const deps = inMemoryDeps();
      const { key } = await storedApiKey(deps, orgId, ["opportunities:read"]);
      await expect(authenticate(deps, `Bearer ${key}`, userOnly)).rejects.toMatchObject({ code: "forbidden" });
    });

    it("are refused without the route's scope: forbidden, and not marked used", async () => {
      const deps = inMemoryDeps();
      const { key, principal } = await storedApiKey(deps, orgId, ["claims:read"]);
      await expect(authenticate(deps, `Bearer ${key}`, readOpportunities)).rejects.toMatchObject({ code: "forbidden" });
      expect(deps.apiKeys.table.get(principal.keyId)?.lastUsedAt).toBeNull();
    });

    it("are refused on a bad checksum without a repository lookup: unauthenticated", async () => {
      const deps = inMemoryDeps();
      const { key } = await storedApiKey(deps, orgId, ["opportunities:read"]);
      const mistyped = `${key.slice(0, 10)}${key.charAt(10) === "a" ? "b" : "a"}${key.slice(11)}`;
      const lookup = vi.spyOn(deps.apiKeys, "findByHash");

      await expect(authenticate(deps, `Bearer ${mistyped}`, readOpportunities)).rejects.toMatchObject({ code: "unauthenticated" });
      expect(lookup).not.toHaveBeenCalled();
    });

    it("are refused when unknown: unauthenticated", async () => {
      const deps = inMemoryDeps();
      const { key } = await storedApiKey(inMemoryDeps(), orgId, ["opportunities:read"]);
      await expect(authenticate(deps, `Bearer ${key}`, readOpportunities)).rejects.toMatchObject({ code: "unauthenticated" });
    });

  });
});
