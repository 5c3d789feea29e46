import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, signUpUser, type ApiResponse } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, surveyOpportunity } from "./support/scenario.js";

// Bad input on every route gets a 4xx problem document with a stable code, and writes nothing.

const database = platformDatabase();
const collections = ["organizations", "users", "api_keys", "opportunities", "claims", "submissions", "rewards", "points_ledger", "webhook_endpoints", "events"];
let caller: ReturnType<typeof apiClient>;
let orgId: string;
let opportunityId: string;
let claimId: string;

beforeAll(async () => {
  const setup = await publishedOpportunity();
  caller = setup.asOwner;
  orgId = setup.orgId;
  opportunityId = setup.opportunity.id;
  const claim = await caller.post("/v1/claims", { opportunityId });
  claimId = claim.body.id;
});

afterAll(() => database.close());

async function snapshot(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of collections) counts[name] = await database.db.collection(name).countDocuments();
  return counts;
}

function expectProblem(response: ApiResponse, status: number, code: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(response.body).toMatchObject({ status, code });
  expect(typeof response.body.title).toBe("string");
}

const postRoutes = () => [
  { path: "/v1/organizations", valid: { name: "Valid" } },
  { path: `/v1/organizations/${orgId}/api-keys`, valid: { name: "ci", scopes: ["opportunities:read"] } },
  { path: `/v1/organizations/${orgId}/webhook-endpoints`, valid: { url: "https://example.com/hook", eventTypes: ["claim.completed.v1"] } },
  { path: `/v1/organizations/${orgId}/members`, valid: { userId: "usr_0000000000000000", role: "viewer" } },
  { path: "/v1/opportunities", valid: surveyOpportunity(orgId) },
  { path: "/v1/claims", valid: { opportunityId } },
  { path: `/v1/claims/${claimId}/submissions`, valid: { taskId: "coffee_survey", answers: { cups: 1, roast: "dark" } } },
];

describe("bad input", () => {
  it("malformed JSON, wrong types, unknown fields, oversized and non-JSON bodies on every POST route", async () => {
    const before = await snapshot();
    for (const route of postRoutes()) {
      // The Functions runtime parses JSON bodies before our code runs and answers malformed ones
      // itself (400, not a problem document); what matters here is that nothing is written.
      expect((await caller.raw("POST", route.path, { raw: '{"name": "unterminated', headers: { "content-type": "application/json" } })).status).toBe(400);
      const wrongTypes = Object.fromEntries(Object.keys(route.valid).map((key) => [key, 12345]));
      expectProblem(await caller.post(route.path, wrongTypes), 400, "validation_failed");
      // Refused for the unknown field alone: the rest of the body is valid, or this would prove nothing.
      const unknownField = await caller.post(route.path, { ...route.valid, sneaky: true });
      expectProblem(unknownField, 400, "validation_failed");
      expect(unknownField.body.errors, route.path).toEqual([{ location: "body", message: expect.stringContaining("sneaky") }]);
      expectProblem(await caller.post(route.path, { ...route.valid, padding: "x".repeat(70 * 1024) }), 413, "payload_too_large");
      expectProblem(await caller.raw("POST", route.path, { raw: JSON.stringify(route.valid), headers: { "content-type": "text/plain" } }), 415, "unsupported_media_type");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lists the offending fields with their location", async () => {
    const response = await caller.post("/v1/opportunities", { ...surveyOpportunity(orgId), capacity: -1, reward: { type: "points", value: "many" } });
    expectProblem(response, 400, "validation_failed");
    const locations = (response.body.errors as Array<{ location: string }>).map((e) => e.location);
    expect(locations).toEqual(expect.arrayContaining(["body.capacity", "body.reward.value"]));
  });

  it("bad cursors, limits, filters and ids on read routes", async () => {
    for (const path of ["/v1/opportunities", "/v1/claims", "/v1/rewards"]) {
      expectProblem(await caller.get(`${path}?cursor=not-a-cursor`), 400, "validation_failed");
      expectProblem(await caller.get(`${path}?limit=0`), 400, "validation_failed");
      expectProblem(await caller.get(`${path}?limit=101`), 400, "validation_failed");
      expectProblem(await caller.get(`${path}?unknown=1`), 400, "validation_failed");
    }
    const page = await caller.get("/v1/opportunities?limit=1&sort=-createdAt");
    // A real cursor, made for the other order: without one, the request below fails for nothing.
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expect((await caller.get(`/v1/opportunities?sort=-createdAt&cursor=${page.body.nextCursor}`)).status).toBe(200);
    expectProblem(await caller.get(`/v1/opportunities?sort=createdAt&cursor=${page.body.nextCursor}`), 400, "validation_failed");
    expectProblem(await caller.get("/v1/opportunities/not-an-id"), 400, "validation_failed");
    expectProblem(await caller.get("/v1/opportunities/opp_0000000000000000"), 404, "not_found");
  });

  it("credentials and routes", async () => {
    expectProblem(await apiClient().get("/v1/claims"), 401, "unauthenticated");
    expectProblem(await apiClient("not-a-token").get("/v1/claims"), 401, "unauthenticated");
    expectProblem(await apiClient("uxk_0000000000000000000000000000000000000").get("/v1/opportunities"), 401, "unauthenticated");
    expectProblem(await caller.get("/v1/claims/clm_0000000000000000/nowhere"), 404, "route_not_found");
    const wrongMethod = await caller.raw("DELETE", "/v1/claims");
    expectProblem(wrongMethod, 405, "method_not_allowed");
    expect(wrongMethod.headers.get("allow")).toContain("POST");
  });

  it("API keys are scoped", async () => {
    const created = await caller.post(`/v1/organizations/${orgId}/api-keys`, { name: "reader", scopes: ["opportunities:read"] });
    expect(created.status).toBe(201);
    const key = apiClient(created.body.key);
    const listed = await key.get(`/v1/opportunities?orgId=${orgId}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((o: { id: string }) => o.id)).toContain(opportunityId);
    expectProblem(await key.post("/v1/opportunities", surveyOpportunity(orgId)), 403, "forbidden");
    expectProblem(await key.get("/v1/claims"), 403, "forbidden");
    const stranger = apiClient((await signUpUser("stranger")).idToken);
    expectProblem(await stranger.post(`/v1/organizations/${orgId}/api-keys`, { name: "x", scopes: ["opportunities:read"] }), 404, "not_found");
  });
});
