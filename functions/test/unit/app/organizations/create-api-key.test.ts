import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { authenticate } from "../../../../src/app/identity/authenticate.js";
import { createApiKey, revokeApiKey, rotateApiKey } from "../../../../src/app/organizations/create-api-key.js";
import type { ApiKeyIn } from "../../../../src/contracts/organizations.js";
import { verifiedApiKeyHash } from "../../../../src/domain/identity/api-key.js";
import { organizationWithEveryRole, participant } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";

describe("createApiKey", () => {
  it("returns the key once and stores only its hash", async () => {
    const deps = inMemoryDeps();
    const { org, developer } = await organizationWithEveryRole(deps);

    const created = await createApiKey(deps, developer, org.id, { name: "ci", scopes: ["opportunities:read", "opportunities:read"] });

    expect(created.key).toMatch(/^uxk_/);
    const [stored, ...others] = deps.apiKeys.table.all();
    expect(others).toEqual([]);
    expect(stored).toMatchObject({ id: created.id, orgId: org.id, scopes: ["opportunities:read"], hash: verifiedApiKeyHash(created.key ?? ""), lastUsedAt: null });
    expect(JSON.stringify(stored)).not.toContain(created.key);
  });

  it("creates a key that authenticates as the organization", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await organizationWithEveryRole(deps);
    const created = await createApiKey(deps, owner, org.id, { name: "ci", scopes: ["opportunities:read"] });

    const principal = await authenticate(deps, `Bearer ${created.key}`, { kind: "user_or_api_key", scope: "opportunities:read" }, "203.0.113.1");
    expect(principal).toEqual({ kind: "api_key", keyId: created.id, orgId: org.id, scopes: ["opportunities:read"], createdBy: owner.userId });
  });

  it("refuses a developer a key with a scope the developer role does not grant, naming it, and stores nothing", async () => {
    const deps = inMemoryDeps();
    const { org, developer } = await organizationWithEveryRole(deps);

    await expect(createApiKey(deps, developer, org.id, { name: "ci", scopes: ["opportunities:read", "opportunities:write"] })).rejects.toMatchObject({
      code: "forbidden",
      details: { scopes: ["opportunities:write"] },
    });
    expect(deps.apiKeys.table.all()).toEqual([]);
    expect(await createApiKey(deps, developer, org.id, { name: "ci", scopes: ["opportunities:read", "webhooks:write"] })).toMatchObject({ scopes: ["opportunities:read", "webhooks:write"] });
  });

  it("forbids reviewers and viewers, and hides the organization from strangers", async () => {
    const deps = inMemoryDeps();
    const { org, reviewer, viewer } = await organizationWithEveryRole(deps);
    const input: z.input<typeof ApiKeyIn> = { name: "ci", scopes: ["claims:read"] };

    await expect(createApiKey(deps, reviewer, org.id, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiKey(deps, viewer, org.id, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiKey(deps, participant(deps), org.id, input)).rejects.toMatchObject({ code: "not_found" });
    expect(deps.apiKeys.table.all()).toEqual([]);
  });
});

describe("an API key's life", () => {
  const readOpportunities = { kind: "user_or_api_key", scope: "opportunities:read" } as const;

  it("is refused once revoked, from then on", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await organizationWithEveryRole(deps);
    const created = await createApiKey(deps, owner, org.id, { name: "ci", scopes: ["opportunities:read"] });
    expect(await authenticate(deps, `Bearer ${created.key}`, readOpportunities, "203.0.113.1")).toMatchObject({ kind: "api_key", keyId: created.id });

    expect(await revokeApiKey(deps, owner, org.id, created.id)).toMatchObject({ status: "revoked" });
    expect(await revokeApiKey(deps, owner, org.id, created.id)).toMatchObject({ status: "revoked" });
    await expect(authenticate(deps, `Bearer ${created.key}`, readOpportunities, "203.0.113.1")).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("rotates to a new secret while the old one works for the overlap, and only then", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await organizationWithEveryRole(deps);
    const created = await createApiKey(deps, owner, org.id, { name: "ci", scopes: ["opportunities:read"] });
    const rotatedKey = await rotateApiKey(deps, owner, org.id, created.id, { overlapSeconds: 3600 });
    expect(rotatedKey.key).not.toBe(created.key);
    expect(rotatedKey.previousKeyValidUntil).toBe(new Date(deps.clock.now().getTime() + 3_600_000).toISOString());

    for (const key of [created.key, rotatedKey.key]) expect(await authenticate(deps, `Bearer ${key}`, readOpportunities, "203.0.113.1")).toMatchObject({ keyId: created.id });
    deps.clock.advance(3_600_000);
    await expect(authenticate(deps, `Bearer ${created.key}`, readOpportunities, "203.0.113.1")).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await authenticate(deps, `Bearer ${rotatedKey.key}`, readOpportunities, "203.0.113.1")).toMatchObject({ keyId: created.id });
  });

  it("works only before it expires, and only from its allowlist when it has one", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await organizationWithEveryRole(deps);
    const expiresAt = new Date(deps.clock.now().getTime() + 60_000).toISOString();
    const created = await createApiKey(deps, owner, org.id, { name: "office", scopes: ["opportunities:read"], expiresAt, allowedCidrs: ["203.0.113.0/24", "2001:db8::/32"] });

    expect(await authenticate(deps, `Bearer ${created.key}`, readOpportunities, "203.0.113.77")).toMatchObject({ keyId: created.id });
    expect(await authenticate(deps, `Bearer ${created.key}`, readOpportunities, "::ffff:203.0.113.77")).toMatchObject({ keyId: created.id });
    expect(await authenticate(deps, `Bearer ${created.key}`, readOpportunities, "2001:db8::5")).toMatchObject({ keyId: created.id });
    await expect(authenticate(deps, `Bearer ${created.key}`, readOpportunities, "198.51.100.1")).rejects.toMatchObject({ code: "forbidden", details: { reason: "address_not_allowed" } });
    deps.clock.advance(60_000);
    await expect(authenticate(deps, `Bearer ${created.key}`, readOpportunities, "203.0.113.77")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(createApiKey(deps, owner, org.id, { name: "late", scopes: ["opportunities:read"], expiresAt })).rejects.toMatchObject({ code: "validation_failed" });
  });
});
