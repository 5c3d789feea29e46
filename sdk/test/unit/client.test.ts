import { describe, expect, expectTypeOf, it } from "vitest";
import { UserXError, createClient, type Claim, type Opportunity } from "../../src/index.js";
import { json, problem, scriptedFetch } from "./fake-fetch.js";

const noWait = { attempts: 4, baseDelayMs: 1, maxDelayMs: 50 };
const opportunityId = "opp_0123456789abcdef";
const claimId = "clm_0123456789abcdef";

describe("the client's methods", () => {
  it("puts path parameters in the path, the rest of a GET in the query", async () => {
    const fetch = scriptedFetch(json(200, { data: [], nextCursor: null }), json(200, { id: opportunityId }));
    const client = createClient({ baseUrl: "https://api.example.test/", fetch, credentials: () => "key_abc" });
    await client.opportunities.list({ status: "active", limit: 5, rewardType: undefined });
    await client.opportunities.get({ opportunityId: "opp/../x" });
    expect(fetch.sent[0]).toMatchObject({ url: "https://api.example.test/v1/opportunities?status=active&limit=5", method: "GET", body: undefined });
    expect(fetch.sent[0]!.headers.authorization).toBe("Bearer key_abc");
    expect(fetch.sent[1]!.url).toBe("https://api.example.test/v1/opportunities/opp%2F..%2Fx");
  });

  it("sends the rest of a POST as its JSON body, with an Idempotency-Key", async () => {
    const fetch = scriptedFetch(json(201, { id: "sub_1" }));
    const client = createClient({ fetch });
    await client.claims.createSubmission({ claimId, taskId: "survey", answers: { cups: 2 } });
    const [sent] = fetch.sent;
    expect(sent).toMatchObject({ url: `/v1/claims/${claimId}/submissions`, method: "POST" });
    expect(JSON.parse(sent!.body!)).toEqual({ taskId: "survey", answers: { cups: 2 } });
    expect(sent!.headers["content-type"]).toBe("application/json");
    expect(sent!.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent!.headers.authorization).toBeUndefined();
  });

  it("unsubscribes with the link's token in the path and the one-click field as JSON, with no credential", async () => {
    const fetch = scriptedFetch(json(200, { category: "rewards", subscribed: false }));
    const client = createClient({ fetch });
    const token = "usr_0123456789abcdef.rewards.c2lnbmF0dXJl";
    expect(await client.emailPreferences.unsubscribe({ token, "List-Unsubscribe": "One-Click" })).toEqual({ category: "rewards", subscribed: false });
    expect(fetch.sent[0]).toMatchObject({ url: `/v1/unsubscribe/${token}`, method: "POST" });
    expect(JSON.parse(fetch.sent[0]!.body!)).toEqual({ "List-Unsubscribe": "One-Click" });
    expect(fetch.sent[0]!.headers.authorization).toBeUndefined();
  });

  it("refuses input the route has no place for, and a missing path parameter, before sending", async () => {
    const fetch = scriptedFetch();
    const client = createClient({ fetch });
    expect(() => client.opportunities.publish({ opportunityId, title: "x" } as never)).toThrow(/takes no title/);
    expect(() => client.claims.get({} as never)).toThrow(/claimId is required/);
    expect(fetch.sent).toHaveLength(0);
  });

  it("is typed from the route declarations", () => {
    const client = createClient();
    expectTypeOf(client.opportunities.get).parameter(0).toEqualTypeOf<{ opportunityId: string }>();
    expectTypeOf(client.opportunities.get).returns.resolves.toEqualTypeOf<Opportunity>();
    expectTypeOf(client.claims.create).returns.resolves.toEqualTypeOf<Claim>();
    expectTypeOf(client.claims.list).parameter(0).toExtend<{ limit?: number; status?: Claim["status"] } | undefined>();
    expectTypeOf(client.claims.withdraw).returns.resolves.toEqualTypeOf<Claim>();
    expectTypeOf(client.claims.listAll).returns.toEqualTypeOf<AsyncIterable<Claim>>();
    // @ts-expect-error: a body field of the wrong type does not compile
    void (() => client.organizations.create({ name: 42 }));
    // @ts-expect-error: only routes answering pages have an `All` iterator
    void client.claims.getAll;
  });
});

describe("retries", () => {
  it("retries a network failure, 429 and 503 with the same Idempotency-Key, then answers", async () => {
    const fetch = scriptedFetch(new TypeError("fetch failed"), problem(503, "unavailable", {}, { "retry-after": "0" }), problem(429, "rate_limited"), json(201, { id: claimId }));
    const client = createClient({ fetch, retry: noWait });
    await expect(client.claims.create({ opportunityId })).resolves.toEqual({ id: claimId });
    const keys = fetch.sent.map((request) => request.headers["idempotency-key"]);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(new Set(fetch.sent.map((request) => request.body)).size).toBe(1);
  });

  it("retries its own retry meeting the first attempt still running (409 idempotency_key_in_use)", async () => {
    const fetch = scriptedFetch(problem(409, "idempotency_key_in_use", {}, { "retry-after": "0" }), json(201, { id: claimId }));
    await expect(createClient({ fetch, retry: noWait }).claims.create({ opportunityId })).resolves.toEqual({ id: claimId });
  });

  it("uses the caller's Idempotency-Key when given one", async () => {
    const fetch = scriptedFetch(json(201, {}));
    await createClient({ fetch }).organizations.create({ name: "Acme" }, { idempotencyKey: "order-7" });
    expect(fetch.sent[0]!.headers["idempotency-key"]).toBe("order-7");
  });

  it("gives up after the last attempt with the last problem", async () => {
    const fetch = scriptedFetch(...Array.from({ length: 4 }, () => problem(503, "unavailable", { detail: "database down", requestId: "req-9" })));
    const failure = await createClient({ fetch, retry: noWait }).rewards.getPointsBalance().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserXError);
    expect(failure).toMatchObject({ code: "unavailable", status: 503, detail: "database down", requestId: "req-9" });
    expect(fetch.sent).toHaveLength(4);
  });

  it("fails at once when Retry-After asks for a longer wait than the client accepts", async () => {
    const fetch = scriptedFetch(problem(429, "rate_limited", {}, { "retry-after": "3600" }));
    await expect(createClient({ fetch, retry: noWait }).rewards.list()).rejects.toMatchObject({ code: "rate_limited" });
    expect(fetch.sent).toHaveLength(1);
  });

  it("does not retry what a retry cannot cure", async () => {
    const fetch = scriptedFetch(problem(409, "already_claimed", { claimId }));
    const failure = await createClient({ fetch, retry: noWait }).claims.create({ opportunityId }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "already_claimed", status: 409, problem: { claimId } });
    expect(fetch.sent).toHaveLength(1);
  });

  it("reports a network that stays down as network_error, status 0", async () => {
    const fetch = scriptedFetch(new TypeError("fetch failed"), new TypeError("fetch failed"));
    await expect(createClient({ fetch, retry: { ...noWait, attempts: 2 } }).organizations.list()).rejects.toMatchObject({ code: "network_error", status: 0 });
  });

  it("stops when the caller aborts, with the caller's reason", async () => {
    const controller = new AbortController();
    const fetch = scriptedFetch(() => {
      controller.abort(new Error("user left the page"));
      return new TypeError("aborted");
    });
    await expect(createClient({ fetch, retry: noWait }).organizations.list(undefined, { signal: controller.signal })).rejects.toThrow("aborted");
    expect(fetch.sent).toHaveLength(1);
  });

  it("asks for credentials before every attempt, so a refreshed token is used", async () => {
    const tokens = ["expired", "fresh"];
    const fetch = scriptedFetch(problem(503, "unavailable"), json(200, { userId: "usr_1", points: 0 }));
    await createClient({ fetch, retry: noWait, credentials: async () => tokens.shift() }).rewards.getPointsBalance();
    expect(fetch.sent.map((request) => request.headers.authorization)).toEqual(["Bearer expired", "Bearer fresh"]);
  });
});

describe("errors", () => {
  it("carries the problem's code, detail, request id and field errors", async () => {
    const errors = [{ location: "body.name", message: "Too small" }];
    const fetch = scriptedFetch(problem(400, "validation_failed", { detail: "the request body is not valid", errors }, { "x-request-id": "req-1" }));
    const failure = (await createClient({ fetch }).organizations.create({ name: "" }).catch((error: unknown) => error)) as UserXError;
    expect(failure).toMatchObject({ name: "UserXError", code: "validation_failed", status: 400, requestId: "req-1", errors, message: "the request body is not valid" });
  });

  it("names an answer that is not a problem document unexpected_response", async () => {
    const fetch = scriptedFetch(new Response("<html>Bad gateway</html>", { status: 502 }));
    await expect(createClient({ fetch }).organizations.list()).rejects.toMatchObject({ code: "unexpected_response", status: 502 });
  });
});

describe("pagination", () => {
  it("listAll walks every page, asking for the next one only when the loop gets there", async () => {
    const fetch = scriptedFetch(json(200, { data: [{ id: "a" }, { id: "b" }], nextCursor: "c1" }), json(200, { data: [{ id: "c" }], nextCursor: null }));
    const client = createClient({ fetch });
    const ids: string[] = [];
    for await (const opportunity of client.opportunities.listAll({ status: "active", limit: 2 })) {
      ids.push(opportunity.id);
      if (ids.length === 1) expect(fetch.sent).toHaveLength(1);
    }
    expect(ids).toEqual(["a", "b", "c"]);
    expect(fetch.sent.map((request) => request.url)).toEqual(["/v1/opportunities?status=active&limit=2", "/v1/opportunities?status=active&limit=2&cursor=c1"]);
  });
});
