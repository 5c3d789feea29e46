import { describe, expect, it } from "vitest";
import { apiClient } from "./support/api-client.js";
import { functionUrlFor, rawRequest } from "./support/raw-http.js";

// Cross-origin calls: the local platform allows Vite's dev server (CORS_ALLOWED_ORIGINS in
// functions/.env.local) and no other origin. Production Hosting passes a preflight on to the
// function; the Hosting emulator answers every preflight itself (firebase-tools' own CORS
// middleware, which allows any origin), so preflights are sent to the function as Hosting's
// rewrite would send them. Answers to the calls themselves come through Hosting.
const anyone = apiClient();
const allowed = "http://localhost:5173";

const preflight = async (origin: string) => {
  const answer = await rawRequest({
    method: "OPTIONS",
    target: "/v1/opportunities",
    baseUrl: functionUrlFor("/v1/opportunities"),
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type, idempotency-key" },
  });
  return { status: answer.status, body: answer.json, headers: { get: (name: string) => (answer.headers[name] as string | undefined) ?? null } };
};

describe("CORS", () => {
  it("answers a preflight from an allowed origin with the path's methods and the headers it may send", async () => {
    const answer = await preflight(allowed);
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(answer.headers.get("access-control-allow-methods")).toBe("POST, GET, HEAD");
    expect(answer.headers.get("access-control-allow-headers")).toContain("idempotency-key");
    expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("refuses a preflight from another origin with a problem", async () => {
    const answer = await preflight("https://evil.example");
    expect(answer).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets an allowed origin read an answer, and its rate-limit headers", async () => {
    const answer = await anyone.raw("GET", "/v1/opportunities", { headers: { origin: allowed } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(answer.headers.get("access-control-expose-headers")).toContain("ratelimit-remaining");
  });
});
