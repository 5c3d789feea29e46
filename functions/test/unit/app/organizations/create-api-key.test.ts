import { describe, expect, it } from "vitest";
import { authenticate } from "../../../../src/app/identity/authenticate.js";
import { createApiKey } from "../../../../src/app/organizations/create-api-key.js";
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

    const principal = await authenticate(deps, `Bearer ${created.key}`, { kind: "user_or_api_key", scope: "opportunities:read" });
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
    const input: ApiKeyIn = { name: "ci", scopes: ["claims:read"] };

    await expect(createApiKey(deps, reviewer, org.id, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiKey(deps, viewer, org.id, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiKey(deps, participant(deps), org.id, input)).rejects.toMatchObject({ code: "not_found" });
    expect(deps.apiKeys.table.all()).toEqual([]);
  });
});
