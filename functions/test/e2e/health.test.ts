import { describe, expect, it } from "vitest";
import { HealthOut, HealthSummaryOut } from "../../src/contracts/health.js";
import { platformEnv } from "../integration/support/local-platform.js";
import { signUpOperator, signUpWithPassword } from "./support/accounts.js";

// /v1/health as a client reaches it: through the Hosting emulator's rewrite to the health function.

const health = (path = "/v1/health", init: RequestInit = {}) => fetch(`${platformEnv("USERX_BASE_URL")}${path}`, init);

describe("GET /v1/health through Hosting", () => {
  it("answers anyone up or down, and nothing about which dependency or how fast", async () => {
    const response = await health();
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toEqual(HealthSummaryOut.parse(body));
    expect(Object.keys(body).sort()).toEqual(["checkedAt", "status"]);
    expect(body.status).toBe("ok");
  });

  it("answers a burst from cached checks: every answer a check at most one cache lifetime old", async () => {
    // Each instance (each emulator worker locally) keeps its own cache, so a burst spread over
    // several may see several check times; what holds everywhere is that none is older than 10 s.
    // That one instance runs one check for many callers is shown by the unit test of cachedCheck.
    const sent = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const response = await health();
        return { status: response.status, checkedAt: HealthSummaryOut.parse(await response.json()).checkedAt };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 10 }, () => 200));
    for (const { checkedAt } of answers) expect(sent - Date.parse(checkedAt)).toBeLessThanOrEqual(10_000 + 1_000);
  });

  it("refuses other methods with a problem document", async () => {
    const response = await health("/v1/health", { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 405, code: "method_not_allowed" });
  });
});

describe("GET /v1/health/details through Hosting", () => {
  it("shows an operator every dependency with its latency", async () => {
    const response = await health("/v1/health/details", { headers: { authorization: `Bearer ${await signUpOperator()}` } });
    expect(response.status).toBe(200);
    const body = HealthOut.parse(await response.json());
    expect(body.dependencies.map((d) => [d.name, d.status])).toEqual([
      ["database", "up"],
      ["pubsub", "up"],
      ["tasks", "up"],
    ]);
    for (const dependency of body.dependencies) expect(dependency.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("refuses anyone else: 401 without a token, 403 for a user without the operator claim", async () => {
    const anonymous = await health("/v1/health/details");
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: "unauthenticated" });

    const { idToken } = await signUpWithPassword("not-an-operator");
    const user = await health("/v1/health/details", { headers: { authorization: `Bearer ${idToken}` } });
    expect(user.status).toBe(403);
    const problem = await user.json();
    expect(problem).toMatchObject({ code: "forbidden" });
    expect(JSON.stringify(problem)).not.toMatch(/database|pubsub|latency/);
  });
});
