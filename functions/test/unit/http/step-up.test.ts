import { describe, expect, it } from "vitest";
import { z } from "zod";
import { flexibleRateLimiter } from "../../../src/adapters/rate-limits/flexible-rate-limiter.js";
import { defineRoute } from "../../../src/contracts/route.js";
import type { Principal } from "../../../src/domain/identity/principal.js";
import type { HttpResponse } from "../../../src/http/http-types.js";
import { bind } from "../../../src/http/route-handler.js";
import { createRouter } from "../../../src/http/router.js";
import { InMemoryIdempotencyStore, RecordingLogger } from "../support/in-memory-services.js";

// The router's step-up: a route that declares it runs only for a person who used a second factor
// within the window; the answer otherwise says what to do, and the handler never runs.

const now = new Date("2026-03-02T09:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const rotate = defineRoute({
  operationId: "rotateSecret",
  method: "POST",
  path: "/v1/secrets/rotate",
  summary: "",
  tag: "Secrets",
  auth: { kind: "user" },
  stepUp: true,
  body: z.strictObject({ reason: z.string().min(1) }),
  response: { status: 200, schema: z.object({ rotated: z.boolean() }) },
});

function routerFor(principal: Principal) {
  let runs = 0;
  const router = createRouter(
    [bind(rotate, async () => ((runs += 1), { rotated: true }))],
    async () => ({ authenticate: async () => principal, idempotency: new InMemoryIdempotencyStore(), limiter: flexibleRateLimiter(undefined, new RecordingLogger()), audit: async () => undefined, now: () => now }),
  );
  const call = async (body: unknown) => {
    const sent: { status?: number; body?: string } = {};
    const res: HttpResponse = { headersSent: false, status: (code) => ((sent.status = code), res), setHeader: () => res, send: (text) => ((sent.body = text), res) };
    const rawBody = Buffer.from(JSON.stringify(body));
    await router({ method: "POST", path: rotate.path, url: rotate.path, headers: { authorization: "Bearer t", "content-type": "application/json" }, rawBody }, res);
    return { status: sent.status, json: JSON.parse(sent.body ?? "null") };
  };
  return { call, runs: () => runs };
}

const person = (secondFactorAt?: Date): Principal => ({ kind: "user", userId: "usr_1", anonymous: false, operator: false, ...(secondFactorAt ? { secondFactorAt } : {}) });

describe("step-up in the router", () => {
  it("runs the route for a second factor used within the window", async () => {
    const { call, runs } = routerFor(person(minutesAgo(9)));
    expect(await call({ reason: "leak" })).toEqual({ status: 200, json: { rotated: true } });
    expect(runs()).toBe(1);
  });

  it.each([
    ["no second factor", person(), "no_second_factor"],
    ["a second factor 11 minutes ago", person(minutesAgo(11)), "second_factor_too_old"],
  ])("answers 403 mfa_required for %s, saying what to do, and runs nothing", async (_, principal, reason) => {
    const { call, runs } = routerFor(principal);
    const answer = await call({ reason: "leak" });
    expect(answer).toMatchObject({ status: 403, json: { code: "mfa_required", reason, maxAgeSeconds: 600 } });
    expect(answer.json.detail).toMatch(/sign in again/);
    expect(runs()).toBe(0);
  });

  it("reports bad input before asking for a step-up", async () => {
    const { call } = routerFor(person());
    expect(await call({ reason: "" })).toMatchObject({ status: 400, json: { code: "validation_failed" } });
  });
});
