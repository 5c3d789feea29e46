import { bench, describe } from "vitest";
import { opportunityRoutes, OpportunityIn, OpportunityOut } from "../src/contracts/opportunities.js";
import type { HttpHandler, HttpRequest, HttpResponse } from "../src/http/http-types.js";
import type { IdempotencyStore } from "../src/ports/idempotency-store.js";
import { createRouter } from "../src/http/router.js";
import { bind } from "../src/http/route-handler.js";

// The per-request cost of our HTTP layer (routing, auth, validation, serialization, problem
// mapping) against a bare handler doing the same work without it. Both answer the same request.

const orgId = "org_bench0000000000000";
const body = Buffer.from(
  JSON.stringify({
    orgId,
    title: "Benchmark survey",
    tasks: [{ id: "t1", type: "survey", title: "Q", questions: [{ id: "q1", type: "rating", prompt: "How?" }, { id: "q2", type: "text", prompt: "Why?" }] }],
    reward: { type: "points", value: 10 },
    capacity: 100,
  }),
);
const now = new Date("2026-11-24T12:00:00.000Z");

const createdOpportunity = (input: OpportunityIn): OpportunityOut => ({
  id: "opp_bench0000000000000",
  ...input,
  status: "draft",
  claimsCount: 0,
  expiresAt: null,
  publishedAt: null,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

const noIdempotency: IdempotencyStore = {
  begin: async () => ({ state: "new" }),
  complete: async () => {},
  release: async () => {},
};

const routed = createRouter(
  [
    bind(opportunityRoutes.listOpportunities, async () => ({ data: [], nextCursor: null })),
    bind(opportunityRoutes.getOpportunity, async () => createdOpportunity(OpportunityIn.parse(JSON.parse(body.toString())))),
    bind(opportunityRoutes.createOpportunity, async ({ body: input }) => createdOpportunity(input)),
    bind(opportunityRoutes.publishOpportunity, async () => createdOpportunity(OpportunityIn.parse(JSON.parse(body.toString())))),
  ],
  async () => ({ authenticate: async () => ({ kind: "user", userId: "usr_bench000000000000" }), idempotency: noIdempotency, now: () => now }),
);

// The same work by hand: parse, validate the input, build the output, serialize.
const bare: HttpHandler = async (req, res) => {
  const input = OpportunityIn.parse(JSON.parse(req.rawBody!.toString("utf8")));
  res.status(201);
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.send(JSON.stringify(createdOpportunity(input)));
};

function request(): HttpRequest {
  return { method: "POST", path: "/v1/opportunities", url: "/v1/opportunities", headers: { "content-type": "application/json", authorization: "Bearer token", "content-length": String(body.length) }, rawBody: body };
}

function response(): HttpResponse {
  const res: HttpResponse = { headersSent: false, status: () => res, setHeader: () => res, send: () => res };
  return res;
}

describe("POST /v1/opportunities, in process", () => {
  bench("bare handler (parse, validate, serialize)", async () => {
    await bare(request(), response());
  });
  bench("our router (match, auth, validate in and out, problem mapping)", async () => {
    await routed(request(), response());
  });
});
