import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineRoute } from "../../../src/contracts/route.js";
import { AppError } from "../../../src/domain/app-error.js";
import type { HttpRequest, HttpResponse } from "../../../src/http/http-types.js";
import { bind } from "../../../src/http/route-handler.js";
import { createRouter, type Authenticate } from "../../../src/http/router.js";
import { flexibleRateLimiter } from "../../../src/adapters/rate-limits/flexible-rate-limiter.js";
import { InMemoryIdempotencyStore, RecordingLogger } from "../support/in-memory-services.js";

// The HTTP pipeline every API function shares, driven with plain request/response objects.

const Thing = z.strictObject({ name: z.string().min(1), size: z.number().int().positive() });
const routes = {
  create: defineRoute({
    operationId: "createThing",
    method: "POST",
    path: "/v1/things",
    summary: "",
    tag: "Things",
    auth: { kind: "user" },
    body: Thing,
    response: { status: 201, schema: Thing.extend({ id: z.string() }) },
  }),
  get: defineRoute({
    operationId: "getThing",
    method: "GET",
    path: "/v1/things/{thingId}",
    summary: "",
    tag: "Things",
    auth: { kind: "public" },
    params: z.strictObject({ thingId: z.string().regex(/^t_\w+$/) }),
    query: z.strictObject({ verbose: z.enum(["yes", "no"]).optional() }),
    response: { status: 200, schema: z.object({ id: z.string() }) },
  }),
};

function setup(behaviour: { get?: () => Promise<unknown>; create?: () => Promise<void>; authenticate?: Authenticate } = {}) {
  let created = 0;
  const keysSeen: Array<string | undefined> = [];
  const idempotency = new InMemoryIdempotencyStore();
  const router = createRouter(
    [
      bind(routes.create, async ({ body, idempotencyKey }) => {
        keysSeen.push(idempotencyKey);
        await behaviour.create?.();
        return { ...body, id: `t_${++created}` };
      }),
      bind(routes.get, async ({ params }) => ((await behaviour.get?.()) ?? { id: params.thingId }) as { id: string }),
    ],
    async () => ({
      authenticate: behaviour.authenticate ?? (async (authorization, spec) => (spec.auth.kind === "public" ? undefined : authorization ? { kind: "user", userId: "usr_1", anonymous: false, operator: false } : Promise.reject(new AppError("unauthenticated", "no credential")))),
      idempotency,
      limiter: flexibleRateLimiter(undefined, new RecordingLogger()), audit: async () => undefined,
      corsOrigins: ["https://partner.example"],
      now: () => new Date("2026-03-02T09:00:00Z"),
    }),
  );
  const call = async ({ query, ...req }: Partial<HttpRequest> & { body?: string; query?: Record<string, string> }) => {
    const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
    const res: HttpResponse = {
      headersSent: false,
      status: (code) => ((sent.status = code), res),
      setHeader: (name, value) => ((sent.headers[name.toLowerCase()] = value), res),
      send: (body) => ((sent.body = body), res),
    };
    const rawBody = req.body === undefined ? undefined : Buffer.from(req.body);
    const path = req.path ?? "/";
    const url = req.url ?? (query ? `${path}?${new URLSearchParams(query)}` : path);
    await router({ method: "GET", ...req, path, url, headers: { ...(rawBody ? { "content-type": "application/json" } : {}), ...req.headers }, ...(rawBody ? { rawBody } : {}) }, res);
    return { status: sent.status, headers: sent.headers, json: JSON.parse(sent.body || "null") };
  };
  return { call, createdCount: () => created, keysSeen };
}

const post = (body: unknown, headers: Record<string, string> = {}) => ({ method: "POST", path: "/v1/things", body: JSON.stringify(body), headers: { authorization: "Bearer t", ...headers } });

describe("createRouter", () => {
  it("validates, runs the handler and answers with the declared status", async () => {
    const { call } = setup();
    const response = await call(post({ name: "box", size: 2 }));
    expect(response).toMatchObject({ status: 201, json: { id: "t_1", name: "box", size: 2 } });
    expect(response.headers["content-type"]).toContain("application/json");
    expect(response.headers["x-request-id"]).toBeTruthy();
  });

  it("answers every failure with a problem document and a stable code", async () => {
    const { call, createdCount } = setup();
    const cases: Array<[Parameters<typeof call>[0], number, string]> = [
      [{ path: "/v1/nothing" }, 404, "route_not_found"],
      [{ method: "DELETE", path: "/v1/things" }, 405, "method_not_allowed"],
      [{ ...post({ name: "box", size: 2 }), headers: {} }, 401, "unauthenticated"],
      [post({ name: "box", size: "big" }), 400, "validation_failed"],
      [post({ name: "box", size: 2, extra: true }), 400, "validation_failed"],
      [{ ...post({}), body: "{oops" }, 400, "malformed_request"],
      [{ ...post({ name: "x".repeat(70_000), size: 1 }) }, 413, "payload_too_large"],
      [{ ...post({ name: "box", size: 2 }), headers: { authorization: "Bearer t", "content-type": "text/plain" } }, 415, "unsupported_media_type"],
      [{ path: "/v1/things/nope" }, 400, "validation_failed"],
      [{ path: "/v1/things/t_1", query: { verbose: "maybe" } }, 400, "validation_failed"],
    ];
    for (const [request, status, code] of cases) {
      const response = await call(request);
      expect(response.status, code).toBe(status);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json).toMatchObject({ status, code, type: expect.stringContaining(code) });
    }
    expect(createdCount()).toBe(0);
  });

  it("names the method allowed on a path", async () => {
    const { call } = setup();
    expect((await call({ method: "DELETE", path: "/v1/things" })).headers.allow).toBe("POST");
  });

  it("hides the cause of an unknown failure behind a request id", async () => {
    const { call } = setup({ get: () => Promise.reject(new Error("connection string mongodb://admin:secret@db leaked")) });
    const response = await call({ path: "/v1/things/t_1" });
    expect(response.status).toBe(500);
    expect(response.json).toMatchObject({ code: "internal", requestId: response.headers["x-request-id"] });
    expect(JSON.stringify(response.json)).not.toContain("secret");
  });

  it("refuses to send an answer that breaks its own contract", async () => {
    const { call } = setup({ get: async () => ({ identifier: "not the declared shape" }) });
    expect(await call({ path: "/v1/things/t_1" })).toMatchObject({ status: 500, json: { code: "internal" } });
  });

  it("hands the handler the request's Idempotency-Key, again on a retry after a 5xx, so it can recognise the retry", async () => {
    let failures = 1;
    const { call, keysSeen } = setup({ create: async () => (failures-- > 0 ? Promise.reject(new AppError("unavailable", "down")) : undefined) });
    expect((await call(post({ name: "box", size: 2 }, { "idempotency-key": "k3" }))).status).toBe(503);
    expect((await call(post({ name: "box", size: 2 }, { "idempotency-key": "k3" }))).status).toBe(201);
    expect((await call(post({ name: "box", size: 2 }))).status).toBe(201);
    expect(keysSeen).toEqual(["k3", "k3", undefined]);
  });

  it("replays the stored answer for a repeated Idempotency-Key and refuses the key with another body", async () => {
    const { call, createdCount } = setup();
    const first = await call(post({ name: "box", size: 2 }, { "idempotency-key": "k1" }));
    const again = await call(post({ name: "box", size: 2 }, { "idempotency-key": "k1" }));
    expect(again).toEqual({ ...first, headers: { ...first.headers, "x-request-id": again.headers["x-request-id"] } });
    expect(createdCount()).toBe(1);
    const other = await call(post({ name: "crate", size: 3 }, { "idempotency-key": "k1" }));
    expect(other).toMatchObject({ status: 422, json: { code: "idempotency_key_reused" } });
    expect(createdCount()).toBe(1);
  });

  it("stores nothing for a request that failed validation, so the corrected request may reuse its key", async () => {
    const { call, createdCount } = setup();
    expect((await call(post({ name: "", size: 2 }, { "idempotency-key": "k2" }))).status).toBe(400);
    expect(await call(post({ name: "box", size: 2 }, { "idempotency-key": "k2" }))).toMatchObject({ status: 201 });
    expect(createdCount()).toBe(1);
  });

  it("stores a refusal of the handler itself, so a retry gets the same answer without running again", async () => {
    let runs = 0;
    const { call } = setup({
      create: async () => {
        runs += 1;
        throw new AppError("capacity_exhausted", "full");
      },
    });
    const first = await call(post({ name: "box", size: 2 }, { "idempotency-key": "k3" }));
    expect(first).toMatchObject({ status: 409, json: { code: "capacity_exhausted" } });
    expect((await call(post({ name: "box", size: 2 }, { "idempotency-key": "k3" }))).json).toEqual(first.json);
    expect(runs).toBe(1);
  });

  it("forgets a key whose request failed on our side, so a retry runs it again", async () => {
    let failures = 1;
    const { call, createdCount } = setup({
      create: async () => {
        if (failures-- > 0) throw new AppError("unavailable", "database down");
      },
    });
    const outage = await call(post({ name: "box", size: 2 }, { "idempotency-key": "k4" }));
    expect(outage).toMatchObject({ status: 503, headers: { "retry-after": "5" }, json: { code: "unavailable" } });
    const retried = await call(post({ name: "box", size: 2 }, { "idempotency-key": "k4" }));
    expect(retried.status).toBe(201);
    expect(retried.headers["retry-after"]).toBeUndefined();
    expect(createdCount()).toBe(1);
  });
});

describe("createRouter across origins (CORS)", () => {
  const preflight = (origin: string) => ({ method: "OPTIONS", path: "/v1/things", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" } });

  it("answers a preflight from an allowed origin with what it may send to the path", async () => {
    const { call } = setup();
    const response = await call(preflight("https://partner.example"));
    expect(response.status).toBe(204);
    expect(response.headers).toMatchObject({
      "access-control-allow-origin": "https://partner.example",
      "access-control-allow-methods": "POST",
      "access-control-allow-headers": "authorization, content-type, idempotency-key, traceparent",
      "access-control-max-age": "600",
      vary: "Origin",
    });
    expect(response.headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it("refuses a preflight from any other origin with a problem, allowing nothing", async () => {
    const { call } = setup();
    const response = await call(preflight("https://evil.example"));
    expect(response).toMatchObject({ status: 403, json: { code: "forbidden" } });
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("lets an allowed origin read an answer and its headers, a refusal included, and no other origin", async () => {
    const { call, createdCount } = setup();
    const allowed = await call({ ...post({ name: "box", size: 2 }, { origin: "https://partner.example" }) });
    expect(allowed.status).toBe(201);
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://partner.example");
    expect(allowed.headers["access-control-expose-headers"]).toContain("ratelimit-remaining");
    const refused = await call({ path: "/v1/things/nope", headers: { origin: "https://partner.example" } });
    expect(refused.status).toBe(400);
    expect(refused.headers["access-control-allow-origin"]).toBe("https://partner.example");

    const other = await call({ ...post({ name: "box", size: 2 }, { origin: "https://evil.example" }) });
    // The server still acts on a simple request (CORS protects the reader, not the server); the browser withholds the answer.
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    expect(other.headers.vary).toBe("Origin");
    expect(createdCount()).toBe(2);
  });
});
