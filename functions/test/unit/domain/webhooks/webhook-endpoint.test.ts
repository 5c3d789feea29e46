import { describe, expect, it } from "vitest";
import { registerEndpoint } from "../../../../src/domain/webhooks/webhook-endpoint.js";

describe("registerEndpoint", () => {
  const now = new Date("2026-03-02T09:00:00.000Z");
  const input = { url: "https://hooks.example.com/in", eventTypes: ["claim.completed.v1", "claim.completed.v1"], description: "" };

  it("subscribes the URL to each event type once, with a fresh Standard Webhooks secret", () => {
    const endpoint = registerEndpoint("org_0000000000000001", input, "whe_0000000000000001", now);
    expect(endpoint).toMatchObject({ id: "whe_0000000000000001", orgId: "org_0000000000000001", eventTypes: ["claim.completed.v1"], createdAt: now, version: 1 });
    // whsec_ + base64 of 32 random bytes, within the 24–64 bytes Standard Webhooks asks for.
    expect(Buffer.from(endpoint.secret.replace(/^whsec_/, ""), "base64")).toHaveLength(32);
    expect(registerEndpoint("org_0000000000000001", input, "whe_0000000000000002", now).secret).not.toBe(endpoint.secret);
  });
});
