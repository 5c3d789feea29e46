import { describe, expect, it } from "vitest";
import { z } from "zod";
import { flexibleRateLimiter } from "../../../src/adapters/rate-limits/flexible-rate-limiter.js";
import { defineRoute } from "../../../src/contracts/route.js";
import type { HttpResponse } from "../../../src/http/http-types.js";
import { bind } from "../../../src/http/route-handler.js";
import { createRouter } from "../../../src/http/router.js";
import { InMemoryIdempotencyStore, RecordingLogger } from "../support/in-memory-services.js";

// A route declared `bodyFormat: "form_or_json"` (RFC 8058's one-click unsubscribe) takes an HTML
// form's urlencoded fields as well as JSON; every other route still refuses a form with 415.

const OneClick = z.strictObject({ "List-Unsubscribe": z.literal("One-Click") });
const route = (bodyFormat: "json" | "form_or_json") =>
  defineRoute({ operationId: "oneClick", method: "POST", path: "/v1/links/{token}", summary: "", tag: "Links", auth: { kind: "public" }, params: z.strictObject({ token: z.string() }), body: OneClick, bodyFormat, response: { status: 200, schema: z.object({ done: z.boolean() }) } });

async function send(bodyFormat: "json" | "form_or_json", contentType: string, body: string) {
  let ran = 0;
  const router = createRouter([bind(route(bodyFormat), async () => ((ran += 1), { done: true }))], async () => ({
    authenticate: async () => undefined,
    idempotency: new InMemoryIdempotencyStore(),
    limiter: flexibleRateLimiter(undefined, new RecordingLogger()),
    audit: async () => undefined,
    now: () => new Date("2026-03-02T09:00:00Z"),
  }));
  const sent: { status?: number; body?: string } = {};
  const res: HttpResponse = { headersSent: false, status: (code) => ((sent.status = code), res), setHeader: () => res, send: (text) => ((sent.body = text), res) };
  await router({ method: "POST", path: "/v1/links/t1", url: "/v1/links/t1", headers: { "content-type": contentType }, rawBody: Buffer.from(body) }, res);
  return { status: sent.status, json: JSON.parse(sent.body ?? "null"), ran };
}

describe("form bodies", () => {
  it("reads RFC 8058's one-click form, and the same field as JSON", async () => {
    expect(await send("form_or_json", "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")).toMatchObject({ status: 200, ran: 1 });
    expect(await send("form_or_json", "application/x-www-form-urlencoded; charset=utf-8", "List-Unsubscribe=One-Click")).toMatchObject({ status: 200, ran: 1 });
    expect(await send("form_or_json", "application/json", JSON.stringify({ "List-Unsubscribe": "One-Click" }))).toMatchObject({ status: 200, ran: 1 });
  });

  it.each([
    ["another value", "List-Unsubscribe=Everything", 400, "validation_failed"],
    ["an unknown field", "List-Unsubscribe=One-Click&more=1", 400, "validation_failed"],
    ["a field twice", "List-Unsubscribe=One-Click&List-Unsubscribe=One-Click", 400, "malformed_request"],
    ["a malformed percent-encoding", "List-Unsubscribe=One%2", 400, "malformed_request"],
  ])("refuses %s in a form, and runs nothing", async (_what, body, status, code) => {
    expect(await send("form_or_json", "application/x-www-form-urlencoded", body)).toMatchObject({ status, json: { code }, ran: 0 });
  });

  it("is refused with 415 by a route that takes JSON only", async () => {
    expect(await send("json", "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")).toMatchObject({ status: 415, json: { code: "unsupported_media_type" }, ran: 0 });
  });
});
