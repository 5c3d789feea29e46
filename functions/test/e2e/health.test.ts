import { describe, expect, it } from "vitest";
import { HealthOut } from "../../src/contracts/health.js";
import { platformEnv } from "../integration/support/local-platform.js";

// /v1/health as a client reaches it: through the Hosting emulator's rewrite to the health function.

describe("GET /v1/health through Hosting", () => {
  it("answers 200 with every dependency up and its latency", async () => {
    const response = await fetch(`${platformEnv("USERX_BASE_URL")}/v1/health`);
    const body = HealthOut.parse(await response.json());
    expect(response.status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.dependencies.map((d) => [d.name, d.status])).toEqual([
      ["database", "up"],
      ["pubsub", "up"],
      ["tasks", "up"],
    ]);
    for (const dependency of body.dependencies) expect(dependency.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("refuses other methods with a problem document", async () => {
    const response = await fetch(`${platformEnv("USERX_BASE_URL")}/v1/health`, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 405, code: "method_not_allowed" });
  });
});
