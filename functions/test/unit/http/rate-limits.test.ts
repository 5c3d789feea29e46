import { describe, expect, it } from "vitest";
import { z } from "zod";
import { flexibleRateLimiter } from "../../../src/adapters/rate-limits/flexible-rate-limiter.js";
import { defineRoute } from "../../../src/contracts/route.js";
import { AppError } from "../../../src/domain/app-error.js";
import { rateClassOf, rateLimits } from "../../../src/domain/identity/rate-limits.js";
import type { HttpRequest, HttpResponse } from "../../../src/http/http-types.js";
import { bind } from "../../../src/http/route-handler.js";
import { createRouter } from "../../../src/http/router.js";
import { InMemoryIdempotencyStore, RecordingLogger } from "../support/in-memory-services.js";

// The router counts every request against its caller's limit for the route's class, and every
// refused credential against the client's address, with the real limiter (rate-limiter-flexible,
// in memory here; on Redis in integration).

const read = defineRoute({ operationId: "readThing", method: "GET", path: "/v1/things", summary: "", tag: "Things", auth: { kind: "user" }, response: { status: 200, schema: z.object({ ok: z.boolean() }) } });
const heavy = defineRoute({ operationId: "importThings", method: "POST", path: "/v1/things/import", summary: "", tag: "Things", auth: { kind: "user" }, rateClass: "expensive", response: { status: 200, schema: z.object({ ok: z.boolean() }) } });

function setup() {
  const limiter = flexibleRateLimiter(undefined, new RecordingLogger());
  const idempotency = new InMemoryIdempotencyStore();
  const router = createRouter([bind(read, async () => ({ ok: true })), bind(heavy, async () => ({ ok: true }))], async () => ({
    authenticate: async (authorization) => {
      if (authorization !== "Bearer good" && authorization !== "Bearer other") throw new AppError("unauthenticated", "unknown credential");
      return { kind: "user", userId: authorization === "Bearer good" ? "usr_1" : "usr_2", anonymous: false, operator: false };
    },
    idempotency,
    limiter, audit: async () => undefined,
    now: () => new Date("2026-03-02T09:00:00Z"),
  }));
  return async (request: { method?: string; path: string; authorization: string; address?: string }) => {
    const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
    const res: HttpResponse = {
      headersSent: false,
      status: (code) => ((sent.status = code), res),
      setHeader: (name, value) => ((sent.headers[name.toLowerCase()] = value), res),
      send: (body) => ((sent.body = body), res),
    };
    const req: HttpRequest = { method: request.method ?? "GET", path: request.path, url: request.path, headers: { authorization: request.authorization, "x-forwarded-for": `${request.address ?? "203.0.113.7"}, 10.0.0.1` } };
    await router(req, res);
    return { status: sent.status, headers: sent.headers, json: JSON.parse(sent.body ?? "null") };
  };
}

describe("rate limits", () => {
  it("classes a route as a read, a write or, where it says so, an expensive operation", () => {
    expect(rateClassOf(read)).toBe("read");
    expect(rateClassOf({ method: "POST" })).toBe("write");
    expect(rateClassOf(heavy)).toBe("expensive");
  });

  it("state the caller's limit on every answer, and answer 429 with Retry-After past it, for that caller only", async () => {
    const call = setup();
    const { points } = rateLimits.expensive;
    const answers = [];
    for (let i = 0; i <= points; i++) answers.push(await call({ method: "POST", path: "/v1/things/import", authorization: "Bearer good" }));

    expect(answers[0]!.headers).toMatchObject({ "ratelimit-limit": String(points), "ratelimit-remaining": String(points - 1) });
    expect(answers[points - 1]).toMatchObject({ status: 200, headers: { "ratelimit-remaining": "0" } });
    const refused = answers[points]!;
    expect(refused).toMatchObject({ status: 429, json: { code: "rate_limited" } });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(rateLimits.expensive.durationSeconds);
    // Another caller, and the same caller's reads, count apart.
    expect((await call({ method: "POST", path: "/v1/things/import", authorization: "Bearer other" })).status).toBe(200);
    expect((await call({ path: "/v1/things", authorization: "Bearer good" })).status).toBe(200);
  });

  it("count refused credentials against the client's address: past the limit it is answered 429, other addresses are not", async () => {
    const call = setup();
    const { points } = rateLimits.failed_auth;
    const statuses = [];
    for (let i = 0; i < 50; i++) statuses.push((await call({ path: "/v1/things", authorization: `Bearer wrong-${i}` })).status);

    expect(statuses.slice(0, points)).toEqual(Array(points).fill(401));
    expect(statuses.slice(points)).toEqual(Array(50 - points).fill(429));
    expect((await call({ path: "/v1/things", authorization: "Bearer wrong", address: "198.51.100.9" })).status).toBe(401);
    // A good credential from the address still works: the limit is on guessing, not on the account.
    expect((await call({ path: "/v1/things", authorization: "Bearer good" })).status).toBe(200);
  });
});
