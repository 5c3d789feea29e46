import { describe, expect, it } from "vitest";
import { destinationGuard } from "../../../../src/adapters/webhooks/destination-guard.js";
import { deleteWebhookEndpoint } from "../../../../src/app/webhooks/endpoints/delete-webhook-endpoint.js";
import { getWebhookEndpoint } from "../../../../src/app/webhooks/endpoints/get-webhook-endpoint.js";
import { rotateWebhookEndpointSecret } from "../../../../src/app/webhooks/endpoints/rotate-webhook-endpoint-secret.js";
import { setWebhookEndpointStatus } from "../../../../src/app/webhooks/endpoints/set-webhook-endpoint-status.js";
import { updateWebhookEndpoint } from "../../../../src/app/webhooks/endpoints/update-webhook-endpoint.js";
import { rotationOverlapMs } from "../../../../src/domain/webhooks/webhook-endpoint.js";
import { publicKeyOf } from "../../../../src/domain/webhooks/signing.js";
import { organizationWithEveryRole, participant, storedEndpoint } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";

// The endpoint routes' use cases with in-memory ports; the destination policy is the production
// adapter (no allowlist) with DNS answered from a table.

const dns: Record<string, string[]> = { "hooks.example.com": ["93.184.215.14"], "internal.example.com": ["10.20.30.40"] };
const production = destinationGuard({ allowlist: [] }, async (hostname) => (dns[hostname] ?? []).map((address) => ({ address, family: 4 })));

async function world() {
  const deps = { ...inMemoryDeps(), destinations: production };
  const people = await organizationWithEveryRole(deps);
  const endpoint = await storedEndpoint(deps, people.org.id, ["claim.completed.v1"]);
  return { deps, ...people, endpoint };
}

describe("reading an endpoint", () => {
  it("shows its settings and never its secret or signing key", async () => {
    const { deps, org, developer, endpoint } = await world();
    const shown = await getWebhookEndpoint(deps, developer, org.id, endpoint.id);
    expect(shown).toMatchObject({ id: endpoint.id, status: "enabled", publicKey: null, previousSecretExpiresAt: null });
    expect(JSON.stringify(shown)).not.toContain("whsec_");
    expect(shown).not.toHaveProperty("secret");
    expect(shown).not.toHaveProperty("signingKey");
  });

  it("answers not_found for another organization's endpoint, and forbidden to a member without webhooks:write", async () => {
    const { deps, org, viewer, owner, endpoint } = await world();
    const other = await organizationWithEveryRole(deps);
    await expect(getWebhookEndpoint(deps, other.owner, other.org.id, endpoint.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getWebhookEndpoint(deps, owner, org.id, "whe_0000000000000099")).rejects.toMatchObject({ code: "not_found" });
    await expect(getWebhookEndpoint(deps, viewer, org.id, endpoint.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getWebhookEndpoint(deps, participant(deps), org.id, endpoint.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("updating an endpoint", () => {
  it("judges a new URL by the destination policy: a refused one changes nothing", async () => {
    const { deps, org, owner, endpoint } = await world();
    await expect(updateWebhookEndpoint(deps, owner, org.id, endpoint.id, { url: "https://internal.example.com/hook", description: "moved" })).rejects.toMatchObject({
      code: "destination_refused",
      message: expect.stringMatching(/resolves to an address that is not public: private/),
    });
    expect(await deps.webhookEndpoints.findById(endpoint.id)).toEqual(endpoint);

    const moved = await updateWebhookEndpoint(deps, owner, org.id, endpoint.id, { url: "https://hooks.example.com/moved", description: "moved" });
    expect(moved).toMatchObject({ url: "https://hooks.example.com/moved", description: "moved" });
    expect(await deps.webhookEndpoints.findById(endpoint.id)).toMatchObject({ url: "https://hooks.example.com/moved", version: 2 });
  });

  it("shows the public key once asymmetric signing is on", async () => {
    const { deps, org, owner, endpoint } = await world();
    const on = await updateWebhookEndpoint(deps, owner, org.id, endpoint.id, { asymmetricSigning: true });
    const stored = await deps.webhookEndpoints.findById(endpoint.id);
    expect(on.publicKey).toBe(publicKeyOf(stored!.signingKey!));
  });
});

describe("disabling, enabling and deleting", () => {
  it("disables and enables, each twice harmlessly", async () => {
    const { deps, org, developer, endpoint } = await world();
    expect((await setWebhookEndpointStatus(deps, developer, org.id, endpoint.id, "disabled")).status).toBe("disabled");
    expect((await setWebhookEndpointStatus(deps, developer, org.id, endpoint.id, "disabled")).status).toBe("disabled");
    expect((await deps.webhookEndpoints.findById(endpoint.id))?.version).toBe(2);
    expect((await setWebhookEndpointStatus(deps, developer, org.id, endpoint.id, "enabled")).status).toBe("enabled");
    expect((await setWebhookEndpointStatus(deps, developer, org.id, endpoint.id, "enabled")).status).toBe("enabled");
    expect((await deps.webhookEndpoints.findById(endpoint.id))?.version).toBe(3);
  });

  it("deletes for good: not_found afterwards", async () => {
    const { deps, org, owner, endpoint } = await world();
    expect((await deleteWebhookEndpoint(deps, owner, org.id, endpoint.id)).id).toBe(endpoint.id);
    await expect(getWebhookEndpoint(deps, owner, org.id, endpoint.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteWebhookEndpoint(deps, owner, org.id, endpoint.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("rotating the secret", () => {
  it("returns the new secret once, stores it, and keeps the replaced one signing for 24 hours", async () => {
    const { deps, org, developer, endpoint } = await world();
    const rotated = await rotateWebhookEndpointSecret(deps, developer, org.id, endpoint.id);
    const stored = await deps.webhookEndpoints.findById(endpoint.id);
    expect(rotated.secret).toBe(stored?.secret);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(stored?.previous).toEqual({ secret: endpoint.secret, signingKey: null, expiresAt: new Date(deps.clock.now().getTime() + rotationOverlapMs) });
    expect(rotated.previousSecretExpiresAt).toBe(new Date(deps.clock.now().getTime() + rotationOverlapMs).toISOString());
    expect((await getWebhookEndpoint(deps, developer, org.id, endpoint.id)).secret).toBeUndefined();
  });

  it("two rotations at once both land, one after the other: neither secret shown is lost", async () => {
    const { deps, org, owner, admin, endpoint } = await world();
    const [first, second] = await Promise.all([rotateWebhookEndpointSecret(deps, owner, org.id, endpoint.id), rotateWebhookEndpointSecret(deps, admin, org.id, endpoint.id)]);
    const stored = await deps.webhookEndpoints.findById(endpoint.id);
    expect(stored?.version).toBe(3);
    // The later save holds one secret as current and the other as the replaced one, still signing.
    expect([stored?.secret, stored?.previous?.secret].sort()).toEqual([first.secret, second.secret].sort());
  });
});
