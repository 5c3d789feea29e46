import { describe, expect, it } from "vitest";
import { apiClient } from "./support/api-client.js";

// Hosting serves two kinds of path: the API under /v1, rewritten to functions, and the web app's
// routes, which fall back to its index.html. An unknown API path must stay an API answer.
const anyone = apiClient();

describe("Hosting's paths", () => {
  it("answers an unknown API path with a route_not_found problem, not the web app", async () => {
    for (const path of ["/v1/nothing-here", "/v1", "/v1/opportunity"]) {
      const answer = await anyone.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get("content-type"), path).toMatch(/application\/problem\+json/);
      expect(answer.body, path).toMatchObject({ code: "route_not_found" });
    }
  });

  it("serves the web app for its own routes, deep links included", async () => {
    for (const path of ["/", "/console", "/console/opportunities/new", "/claims/clm_0123456789abcdef"]) {
      const answer = await anyone.get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).toContain('<div id="root">');
    }
  });

  it("sends the web app with its security headers: a CSP that loads only our own code and no framing, HSTS", async () => {
    const answer = await anyone.get("/console");
    const csp = answer.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(answer.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(answer.headers.get("x-frame-options")).toBe("DENY");
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("keeps the API reference at /docs", async () => {
    const answer = await anyone.get("/docs");
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("/v1/openapi.json");
  });
});
