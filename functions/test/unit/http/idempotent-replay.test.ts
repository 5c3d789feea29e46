import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineRoute } from "../../../src/contracts/route.js";
import { AppError } from "../../../src/domain/app-error.js";
import type { HttpResponse } from "../../../src/http/http-types.js";
import { bind } from "../../../src/http/route-handler.js";
import { createRouter } from "../../../src/http/router.js";
import { flexibleRateLimiter } from "../../../src/adapters/rate-limits/flexible-rate-limiter.js";
import { InMemoryIdempotencyStore, RecordingLogger } from "../support/in-memory-services.js";

// Replays of idempotent POSTs: never a secret shown once, and never to a caller who lost the right since.

const createKey = defineRoute({
  operationId: "createKey",
  method: "POST",
  path: "/v1/keys",
  summary: "",
  tag: "Keys",
  auth: { kind: "user" },
  body: z.strictObject({ name: z.string() }),
  shownOnce: ["key"],
  response: { status: 201, schema: z.object({ id: z.string(), name: z.string(), key: z.string().optional() }) },
});

/** Keeps what the router asks it to store, for the test to read. */
class RecordingIdempotencyStore extends InMemoryIdempotencyStore {
  readonly stored: string[] = [];

  override async complete(scope: string, key: string, response: { status: number; body: string }) {
    this.stored.push(response.body);
    await super.complete(scope, key, response);
  }
}

function setup() {
  const idempotency = new RecordingIdempotencyStore();
  let allowed = true;
  let created = 0;
  const router = createRouter(
    [
      bind(createKey, async ({ body }) => ({ id: `key_${++created}`, name: body.name, key: `uxk_secret_${created}` }), {
        authorize: async () => {
          if (!allowed) throw new AppError("forbidden", "your role no longer allows this");
        },
      }),
    ],
    async () => ({ authenticate: async () => ({ kind: "user", userId: "usr_1", anonymous: false, operator: false }), idempotency, limiter: flexibleRateLimiter(undefined, new RecordingLogger()), audit: async () => undefined, now: () => new Date("2026-03-02T09:00:00Z") }),
  );
  const post = async (idempotencyKey: string) => {
    const sent: { status?: number; body?: string } = {};
    const res: HttpResponse = { headersSent: false, status: (code) => ((sent.status = code), res), setHeader: () => res, send: (body) => ((sent.body = body), res) };
    const body = Buffer.from(JSON.stringify({ name: "ci" }));
    await router({ method: "POST", path: "/v1/keys", url: "/v1/keys", headers: { "content-type": "application/json", authorization: "Bearer t", "idempotency-key": idempotencyKey }, rawBody: body }, res);
    return { status: sent.status, json: JSON.parse(sent.body ?? "null") };
  };
  return { post, idempotency, revoke: () => (allowed = false), createdCount: () => created };
}

describe("replaying a request whose answer showed a secret once", () => {
  it("shows the key in the first answer, never stores it, and answers a replay shown_once with what was created", async () => {
    const { post, idempotency, createdCount } = setup();
    const first = await post("k-1");
    expect(first).toMatchObject({ status: 201, json: { id: "key_1", key: "uxk_secret_1" } });

    expect(idempotency.stored).toHaveLength(1);
    expect(idempotency.stored[0]).toContain("key_1");
    expect(idempotency.stored[0]).not.toContain("uxk_secret_1");
    const replay = await post("k-1");
    expect(replay.status).toBe(409);
    expect(replay.json).toMatchObject({ code: "shown_once", created: { id: "key_1", name: "ci" } });
    expect(JSON.stringify(replay.json)).not.toContain("uxk_secret");
    expect(createdCount()).toBe(1);
  });

  it("checks the permission again before any replay: a caller who lost it gets the refusal, not the answer", async () => {
    const { post, revoke } = setup();
    expect((await post("k-2")).status).toBe(201);
    revoke();
    expect(await post("k-2")).toMatchObject({ status: 403, json: { code: "forbidden" } });
  });
});
