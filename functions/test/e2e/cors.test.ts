import { describe, expect, it } from "vitest";
import { apiClient } from "./support/api-client.js";

// Cross-origin calls through Hosting: the local platform allows Vite's dev server
// (CORS_ALLOWED_ORIGINS in functions/.env.local). Preflights cannot be tested here: the Hosting
// emulator and the Functions emulator each answer every OPTIONS request themselves (firebase-tools'
// own CORS middleware, allowing any origin) before our function runs, whereas production passes
// them on; the router's preflight answers are tested in unit/http/router.test.ts.
const anyone = apiClient();
const allowed = "http://localhost:5173";

describe("CORS", () => {
  it("lets an allowed origin read an answer, and its rate-limit headers", async () => {
    const answer = await anyone.raw("GET", "/v1/opportunities", { headers: { origin: allowed } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(answer.headers.get("access-control-expose-headers")).toContain("ratelimit-remaining");
    expect(answer.headers.get("vary")).toContain("Origin");
  });
});
