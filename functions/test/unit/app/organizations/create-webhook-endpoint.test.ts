import { describe, expect, it } from "vitest";
import { destinationGuard } from "../../../../src/adapters/webhooks/destination-guard.js";
import { createWebhookEndpoint } from "../../../../src/app/organizations/create-webhook-endpoint.js";
import { WebhookEndpointIn } from "../../../../src/contracts/organizations.js";
import { AppError } from "../../../../src/domain/app-error.js";
import type { DestinationPolicy } from "../../../../src/ports/destination-policy.js";
import { organizationWithEveryRole, participant } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";

// Registration asks the destination policy before storing anything. The policy here is the
// production adapter (no allowlist) with DNS answered from a table.

const dns: Record<string, string[]> = {
  "hooks.example.com": ["93.184.215.14"],
  "internal.example.com": ["10.20.30.40"],
  "rebound.example.com": ["::ffff:169.254.169.254"],
};
const production = destinationGuard({ allowlist: [] }, async (hostname) => (dns[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));

function depsWith(destinations: DestinationPolicy = production) {
  return { ...inMemoryDeps(), destinations };
}

const input = (url: string) => WebhookEndpointIn.parse({ url, eventTypes: ["claim.completed.v1"] });

describe("createWebhookEndpoint", () => {
  it("registers a public https URL, returning its secret once", async () => {
    const deps = depsWith();
    const { org, developer } = await organizationWithEveryRole(deps);

    const created = await createWebhookEndpoint(deps, developer, org.id, input("https://hooks.example.com/user-x"));

    expect(created).toMatchObject({ orgId: org.id, url: "https://hooks.example.com/user-x", secret: expect.stringMatching(/^whsec_/) });
    expect(deps.webhookEndpoints.table.all().map((e) => e.id)).toEqual([created.id]);
  });

  it.each([
    ["https://10.0.0.7/hook", "private", /10\.0\.0\.7 is not a public address: private \(10\.0\.0\.0\/8\)/],
    ["https://169.254.169.254/computeMetadata/v1/", "metadata server", /link-local \(the cloud metadata server\)/],
    ["https://metadata.google.internal/computeMetadata/v1/", "metadata server by name", /metadata\.google\.internal is a private name/],
    ["https://[::ffff:a9fe:a9fe]/hook", "IPv4-mapped metadata server", /IPv4-mapped 169\.254\.169\.254/],
    ["https://[64:ff9b::a00:1]/hook", "NAT64 of a private address", /NAT64 10\.0\.0\.1: private/],
    ["https://[2002:7f00:1::]/hook", "6to4 of loopback", /6to4 127\.0\.0\.1: loopback/],
    ["https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook", "Teredo of loopback", /Teredo 127\.0\.0\.1: loopback/],
    ["https://internal.example.com/hook", "a name resolving to a private address", /internal\.example\.com resolves to an address that is not public: private/],
    ["https://rebound.example.com/hook", "a name resolving to an IPv4-mapped metadata address", /resolves to an address that is not public: IPv4-mapped 169\.254\.169\.254/],
    ["https://ops:hunter2@hooks.example.com/hook", "credentials", /may not carry credentials/],
    ["http://hooks.example.com/hook", "plain HTTP", /must use https/],
    ["https://hooks.example.com:6379/hook", "a Redis port", /port 6379 \(Redis\) is not allowed/],
  ])("refuses %s (%s) with destination_refused and its reason, storing nothing", async (url, _what, reason) => {
    const deps = depsWith();
    const { org, owner } = await organizationWithEveryRole(deps);

    const refused = await createWebhookEndpoint(deps, owner, org.id, input(url)).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "destination_refused", message: expect.stringMatching(reason) });
    expect(deps.webhookEndpoints.table.all()).toEqual([]);
  });

  it("checks who asks before judging the URL, so strangers learn nothing from the answer", async () => {
    const asked: string[] = [];
    const deps = depsWith({
      assertAllowed: async (url) => {
        asked.push(url);
      },
    });
    const { org, viewer } = await organizationWithEveryRole(deps);

    await expect(createWebhookEndpoint(deps, viewer, org.id, input("https://10.0.0.7/hook"))).rejects.toMatchObject({ code: "forbidden" });
    await expect(createWebhookEndpoint(deps, participant(deps), org.id, input("https://10.0.0.7/hook"))).rejects.toMatchObject({ code: "not_found" });
    expect(asked).toEqual([]);
    expect(deps.webhookEndpoints.table.all()).toEqual([]);
  });
});
