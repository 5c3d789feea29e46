import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineRoute } from "../../../src/contracts/route.js";
import { AppError } from "../../../src/domain/app-error.js";
import type { Principal } from "../../../src/domain/identity/principal.js";
import type { HttpRequest, HttpResponse } from "../../../src/http/http-types.js";
import { defaultBodyLimitBytes } from "../../../src/http/request-body.js";
import { bind } from "../../../src/http/route-handler.js";
import { createRouter } from "../../../src/http/router.js";
import { flexibleRateLimiter } from "../../../src/adapters/rate-limits/flexible-rate-limiter.js";
import { InMemoryIdempotencyStore, RecordingLogger } from "../support/in-memory-services.js";

// Requests that cannot be read, through the router every API function shares: each gets a 4xx
// problem document that says nothing of our insides, and no handler runs.

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
    bodyLimitBytes: 100,
    response: { status: 201, schema: Thing },
  }),
  note: defineRoute({
    operationId: "addNote",
    method: "POST",
    path: "/v1/things/{thingId}/notes",
    summary: "",
    tag: "Things",
    auth: { kind: "user" },
    params: z.strictObject({ thingId: z.string().regex(/^t_\w+$/) }),
    body: z.strictObject({ text: z.string() }),
    response: { status: 201, schema: z.object({ text: z.string() }) },
  }),
  get: defineRoute({
    operationId: "getThing",
    method: "GET",
    path: "/v1/things/{thingId}",
    summary: "",
    tag: "Things",
    auth: { kind: "user" },
    params: z.strictObject({ thingId: z.string().regex(/^t_\w+$/) }),
    response: { status: 200, schema: z.object({ id: z.string() }) },
  }),
  list: defineRoute({
    operationId: "listThings",
    method: "GET",
    path: "/v1/things",
    summary: "",
    tag: "Things",
    auth: { kind: "user" },
    query: z.strictObject({ size: z.coerce.number().int().optional(), name: z.string().optional() }),
    response: { status: 200, schema: z.object({ query: z.record(z.string(), z.unknown()) }) },
  }),
};

function setup() {
  let runs = 0;
  const ran = <T>(output: T) => {
    runs += 1;
    return output;
  };
  const router = createRouter(
    [
      bind(routes.create, async ({ body }) => ran(body)),
      bind(routes.note, async ({ body }) => ran(body)),
      bind(routes.get, async ({ params }) => ran({ id: params.thingId })),
      bind(routes.list, async ({ query }) => ran({ query })),
    ],
    async () => ({
      authenticate: async (authorization): Promise<Principal> => {
        if (!authorization) throw new AppError("unauthenticated", "no credential");
        return { kind: "user", userId: "usr_1", anonymous: false, operator: false };
      },
      idempotency: new InMemoryIdempotencyStore(),
      limiter: flexibleRateLimiter(undefined, new RecordingLogger()), audit: async () => undefined,
      now: () => new Date("2026-03-02T09:00:00Z"),
    }),
  );
  /** Sends a request as the Functions runtime hands it over: the target raw, the body read whole. */
  const call = async (request: { method?: string; url: string; headers?: HttpRequest["headers"]; body?: string | Buffer }) => {
    const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
    const res: HttpResponse = {
      headersSent: false,
      status: (code) => ((sent.status = code), res),
      setHeader: (name, value) => ((sent.headers[name.toLowerCase()] = value), res),
      send: (body) => ((sent.body = body), res),
    };
    const rawBody = request.body === undefined ? undefined : Buffer.from(request.body);
    const headers = { ...(rawBody ? { "content-type": "application/json", "content-length": String(rawBody.length) } : {}), ...request.headers };
    await router({ method: request.method ?? "GET", url: request.url, path: request.url.split("?")[0]!, headers, ...(rawBody ? { rawBody } : {}) }, res);
    return { status: sent.status, headers: sent.headers, text: sent.body ?? "", json: JSON.parse(sent.body ?? "null") };
  };
  return { call, runs: () => runs };
}

type Answer = Awaited<ReturnType<ReturnType<typeof setup>["call"]>>;

const signedIn = { authorization: "Bearer t" };

/** A problem document with our members only, its request id in the header too, and nothing of our insides. */
function expectProblem(answer: Answer, status: number, code: string, label = code) {
  expect(answer.status, `${label}: ${answer.text}`).toBe(status);
  expect(answer.headers["content-type"], label).toMatch(/^application\/problem\+json/);
  expect(answer.json, label).toMatchObject({ type: `https://docs.user-x.dev/problems/${code}`, title: expect.any(String), status, code, requestId: answer.headers["x-request-id"] });
  expect(answer.headers["x-request-id"], label).toMatch(/\S/);
  const members = code === "validation_failed" ? ["type", "title", "status", "code", "detail", "requestId", "errors"] : ["type", "title", "status", "code", "detail", "requestId"];
  expect(members, label).toEqual(expect.arrayContaining(Object.keys(answer.json)));
  expect(answer.text, label).not.toMatch(/node_modules|\/work\/|\.[cm]?[jt]s:\d|\n\s+at |stack|URIError|SyntaxError|TypeError|URI malformed|Unexpected token|in JSON at position/);
}

describe("malformed request targets", () => {
  const badPaths = [
    ["a lone %", "/v1/things/t_1%"],
    ["% and one hex digit", "/v1/things/t_1%4"],
    ["% without hex digits", "/v1/things/%zz"],
    ["invalid UTF-8 (C3 28)", "/v1/things/t_%C3%28"],
    ["a lone continuation byte", "/v1/things/t_%80"],
    ["a truncated sequence", "/v1/things/t_%E2%82"],
    ["an overlong encoding of /", "/v1/things/t_%C0%AF"],
    ["an encoded surrogate", "/v1/things/t_%ED%A0%80"],
    ["a bad escape in a literal segment", "/v1/th%zzings"],
    ["a bad escape in a path no route has", "/v1/nothing/%zz"],
    ["not a path at all", "*"],
  ] as const;

  it.each(badPaths)("%s in the path: 400 malformed_request, before credentials are looked at", async (_, url) => {
    const { call, runs } = setup();
    expectProblem(await call({ url }), 400, "malformed_request");
    expectProblem(await call({ url, headers: signedIn }), 400, "malformed_request");
    expectProblem(await call({ method: "POST", url, body: JSON.stringify({ text: "x" }) }), 400, "malformed_request");
    expect(runs()).toBe(0);
  });

  it.each([
    ["a bad escape in a value", "/v1/things?name=%zz"],
    ["invalid UTF-8 in a value", "/v1/things?name=%C3%28"],
    ["a bad escape in a name", "/v1/things?%zz=1"],
    ["a lone % at the end", "/v1/things?name=a%"],
    ["a bad escape on a route without a query", "/v1/things/t_1?x=%FF"],
  ])("%s in the query: 400 malformed_request", async (_, url) => {
    const { call, runs } = setup();
    expectProblem(await call({ url, headers: signedIn }), 400, "malformed_request");
    expect(runs()).toBe(0);
  });

  it("reads well-formed escapes as the client meant them", async () => {
    const { call } = setup();
    expect((await call({ url: "/v1/things/t_%31", headers: signedIn })).json).toEqual({ id: "t_1" });
    expect((await call({ url: "/v1/%74hings/t_1/", headers: signedIn })).json).toEqual({ id: "t_1" });
    expect((await call({ url: "/v1/things?name=caf%C3%A9+au+lait&size=%32", headers: signedIn })).json).toEqual({ query: { name: "café au lait", size: 2 } });
    // An encoded slash stays inside its segment: an id that is not valid, not another path.
    expectProblem(await call({ url: "/v1/things/t_1%2Fnotes", headers: signedIn }), 400, "validation_failed");
  });

  it("refuses query parameters the route does not declare, and repeated ones", async () => {
    const { call, runs } = setup();
    const unknown = await call({ url: "/v1/things/t_1?verbose=1", headers: signedIn });
    expectProblem(unknown, 400, "validation_failed");
    expect(unknown.json.errors).toEqual([{ location: "query", message: expect.stringContaining("verbose") }]);
    expectProblem(await call({ url: "/v1/things?size=1&size=2", headers: signedIn }), 400, "validation_failed");
    expectProblem(await call({ url: "/v1/things?__proto__=x", headers: signedIn }), 400, "validation_failed");
    expectProblem(await call({ method: "POST", url: "/v1/things?dryRun=true", headers: signedIn, body: JSON.stringify({ name: "box", size: 2 }) }), 400, "validation_failed");
    expect(runs()).toBe(0);
  });
});

describe("bodies against each route's limit", () => {
  const exactly = (bytes: number) => {
    const body = JSON.stringify({ name: "", size: 1 });
    return JSON.stringify({ name: "x".repeat(bytes - body.length), size: 1 });
  };

  it("takes a body of exactly the declared limit and refuses one byte more, declared or sent", async () => {
    const { call, runs } = setup();
    expect(exactly(100)).toHaveLength(100);
    expect((await call({ method: "POST", url: "/v1/things", headers: signedIn, body: exactly(100) })).status).toBe(201);
    expectProblem(await call({ method: "POST", url: "/v1/things", headers: signedIn, body: `${exactly(100)} ` }), 413, "payload_too_large");
    // Declared too large, whatever arrived.
    expectProblem(await call({ method: "POST", url: "/v1/things", headers: { ...signedIn, "content-length": "101" }, body: exactly(50) }), 413, "payload_too_large");
    expectProblem(await call({ method: "POST", url: "/v1/things", headers: { ...signedIn, "content-length": "99999999999999999999999" }, body: exactly(50) }), 413, "payload_too_large");
    // Sent too large, whatever was declared (chunked: no length at all).
    expectProblem(await call({ method: "POST", url: "/v1/things", headers: { ...signedIn, "content-length": "50" }, body: exactly(101) }), 413, "payload_too_large");
    const chunked = { ...signedIn, "content-length": undefined, "transfer-encoding": "chunked" };
    expectProblem(await call({ method: "POST", url: "/v1/things", headers: chunked, body: exactly(101) }), 413, "payload_too_large");
    expectProblem(await call({ method: "POST", url: "/v1/things", headers: signedIn, body: "x".repeat(2 * 1024 * 1024) }), 413, "payload_too_large");
    expect(runs()).toBe(1);
  });

  it("holds a route without a declared limit to the default", async () => {
    const { call } = setup();
    const text = (bytes: number) => JSON.stringify({ text: "x".repeat(bytes - JSON.stringify({ text: "" }).length) });
    expect((await call({ method: "POST", url: "/v1/things/t_1/notes", headers: signedIn, body: text(defaultBodyLimitBytes) })).status).toBe(201);
    expectProblem(await call({ method: "POST", url: "/v1/things/t_1/notes", headers: signedIn, body: text(defaultBodyLimitBytes + 1) }), 413, "payload_too_large");
  });

  it("refuses any body on a route that takes none", async () => {
    const { call, runs } = setup();
    expectProblem(await call({ url: "/v1/things/t_1", headers: signedIn, body: "{}" }), 413, "payload_too_large");
    expectProblem(await call({ url: "/v1/things/t_1", headers: { ...signedIn, "content-length": "2048" } }), 413, "payload_too_large");
    expect((await call({ url: "/v1/things/t_1", headers: { ...signedIn, "content-length": "0" } })).status).toBe(200);
    expect(runs()).toBe(1);
  });

  it("refuses an oversized body before credentials are looked at", async () => {
    const { call } = setup();
    expectProblem(await call({ method: "POST", url: "/v1/things", body: "x".repeat(101) }), 413, "payload_too_large");
  });
});

describe("malformed bodies and headers", () => {
  const create = (body: string | Buffer, headers: HttpRequest["headers"] = {}) => ({ method: "POST", url: "/v1/things", body, headers });

  it.each([
    ["truncated JSON", create('{"name": "box", "size": ')],
    ["not JSON at all", create("name=box&size=2")],
    ["two JSON texts", create('{"name":"box","size":2}{}')],
    ["an empty body", create("", { "content-length": "0" })],
    ["bytes that are not UTF-8", create(Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x2c, 0x22, 0x73, 0x69, 0x7a, 0x65, 0x22, 0x3a, 0x31, 0x7d]))],
    ["malformed JSON under a +json media type", create("{oops", { "content-type": "application/merge-patch+json" })],
    ["a Content-Length that is not a number", create('{"name":"box","size":2}', { "content-length": "2e1" })],
    ["an empty Idempotency-Key", create('{"name":"box","size":2}', { "idempotency-key": "" })],
    ["an Idempotency-Key of 256 characters", create('{"name":"box","size":2}', { "idempotency-key": "k".repeat(256) })],
    ["an Idempotency-Key of 12 KiB", create('{"name":"box","size":2}', { "idempotency-key": "k".repeat(12 * 1024) })],
    ["an Idempotency-Key with a character outside ASCII", create('{"name":"box","size":2}', { "idempotency-key": "clé" })],
    ["an Idempotency-Key with a tab", create('{"name":"box","size":2}', { "idempotency-key": "a\tb" })],
  ] as const)("%s: 400 malformed_request, with or without credentials", async (label, request) => {
    const { call, runs } = setup();
    expectProblem(await call(request), 400, "malformed_request", label);
    expectProblem(await call({ ...request, headers: { ...request.headers, ...signedIn } }), 400, "malformed_request", label);
    expect(runs()).toBe(0);
  });

  it.each([
    ["text/plain", "text/plain"],
    ["no media type", ""],
    ["a charset other than UTF-8", "application/json; charset=latin1"],
    ["a JSON look-alike", "application/jsonp"],
  ])("a body sent as %s: 415 unsupported_media_type", async (_, contentType) => {
    const { call, runs } = setup();
    expectProblem(await call(create('{"name":"box","size":2}', { "content-type": contentType })), 415, "unsupported_media_type");
    expect(runs()).toBe(0);
  });

  it("takes JSON under its other spellings", async () => {
    const { call } = setup();
    for (const contentType of ["application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"", "application/vnd.user-x+json"]) {
      expect((await call(create('{"name":"box","size":2}', { ...signedIn, "content-type": contentType }))).status, contentType).toBe(201);
    }
  });

  it("takes an Idempotency-Key of 255 printable characters", async () => {
    const { call } = setup();
    const key = "k !~".repeat(64).slice(0, 255);
    const first = await call(create('{"name":"box","size":2}', { ...signedIn, "idempotency-key": key }));
    expect(first.status).toBe(201);
    expect((await call(create('{"name":"box","size":2}', { ...signedIn, "idempotency-key": key }))).json).toEqual(first.json);
  });
});
