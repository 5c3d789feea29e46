import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpTarget } from "../integration/support/http-target.js";
import { eventually, platformEnv } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { functionLog, type FunctionLogEntry } from "./support/function-logs.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// One request's trace through everything it causes: the trace id a client sends with the
// submission that completes a claim appears in the log of the HTTP function that served it, of
// the subscribers of the event it wrote (and of the event they wrote in turn), and of the Cloud
// Task that delivered the webhook, each hop in a span of its own.

const database = platformDatabase();
let receiver: Awaited<ReturnType<typeof startHttpTarget>>;

beforeAll(async () => {
  receiver = await startHttpTarget();
});

afterAll(async () => {
  await receiver.close();
  await database.close();
});

describe("a trace sent with a request", () => {
  it("is logged by the HTTP function, the subscribers and the webhook delivery it caused, and never sent to the receiver", async () => {
    const log = functionLog();
    const { asOwner, orgId, opportunity } = await publishedOpportunity();
    const endpoint = await asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, { url: `${receiver.url}/traced`, eventTypes: ["claim.completed.v1"] });
    expect(endpoint.status).toBe(201);
    const participant = apiClient((await signUpUser("traced")).idToken);
    const claim = await participant.post("/v1/claims", { opportunityId: opportunity.id });
    expect(claim.status).toBe(201);

    const traceId = randomBytes(16).toString("hex");
    const clientSpan = randomBytes(8).toString("hex");
    const submitted = await participant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers, { traceparent: `00-${traceId}-${clientSpan}-01` });
    expect(submitted.status).toBe(201);

    const trace = `projects/${platformEnv("GCLOUD_PROJECT")}/traces/${traceId}`;
    const inTrace = (entries: readonly FunctionLogEntry[]) => entries.filter((entry) => entry["logging.googleapis.com/trace"] === trace);
    const isDelivery = (entry: FunctionLogEntry) => entry.message === "task.done" && entry["functionName"] === "deliverWebhook";
    const traced = await eventually(async () => {
      const entries = inTrace(await log.entries());
      const handled = entries.filter((entry) => entry.message === "event.handled").map((entry) => `${String(entry["subscriber"])} ${String(entry["type"])}`);
      return entries.some(isDelivery) && handled.includes("issueRewards claim.completed.v1") && handled.includes("fanOutWebhooks claim.completed.v1") ? entries : undefined;
    }, 60_000);

    const served = traced.find((entry) => entry.message === "request.served");
    expect(served).toMatchObject({ method: "POST", path: `/v1/claims/${claim.body.id}/submissions`, status: 201 });
    // The reward's own event was written in the subscriber's hop, so it carries the trace on.
    expect(await eventually(async () => inTrace(await log.entries()).find((entry) => entry.message === "event.handled" && entry["type"] === "reward.issued.v1"), 60_000)).toBeDefined();
    // Each hop logs a span of its own, none of them the client's.
    const spans = new Set(traced.map((entry) => entry["logging.googleapis.com/spanId"]));
    expect(spans.size).toBeGreaterThanOrEqual(4);
    expect(spans.has(clientSpan)).toBe(false);

    const stored = await database.db.collection("events").findOne({ type: "claim.completed.v1", "data.claimId": claim.body.id });
    expect(String(stored?.["traceparent"])).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const delivered = receiver.received.find((delivery) => delivery.path === "/traced");
    expect(delivered).toBeDefined();
    expect(JSON.parse(delivered!.body)).not.toHaveProperty("traceparent");
    expect(JSON.stringify(delivered!.headers)).not.toContain(traceId);
  });
});
