import { afterAll, describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "./support/api-client.js";
import { withConcurrency } from "./support/concurrency.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity } from "./support/scenario.js";

// A burst of concurrent claims through the whole stack never oversells an opportunity. The
// Functions emulator starts one Node worker per request in flight (24 at most, tools/platform.mjs),
// so the burst keeps 25 in flight at a time: two dozen processes racing on one opportunity, as
// instances would in production.
// functions/test/integration/app/claim-opportunity.test.ts fires all 200 at once in process.

const inFlight = 25;


const database = platformDatabase();
afterAll(() => database.close());

describe("claims against capacity", () => {
  it("200 concurrent claims on capacity 50 give exactly 50 claims", { timeout: 240_000 }, async () => {
    const { opportunity } = await publishedOpportunity({ capacity: 50 });
    const participants = await Promise.all(Array.from({ length: 200 }, (_, i) => signUpUser(`burst${i}`)));
    const started = Date.now();
    const responses = await withConcurrency(
      participants.map((p) => async () => {
        const sent = Date.now() - started;
        const response = await apiClient(p.idToken).post("/v1/claims", { opportunityId: opportunity.id });
        return { ...response, sent, ms: Date.now() - started - sent };
      }),
      inFlight,
    );

    // Every claim gets an answer of the product: a place (201) or a refusal (409). Anything else
    // (a 5xx of the platform, an emulator's plain-text error) is named in the failure message.
    const unexpected = responses
      .map((r, index) => ({ index, sentAtMs: r.sent, tookMs: r.ms, status: r.status, body: r.body }))
      .filter((r) => r.status !== 201 && r.status !== 409);
    expect(unexpected, JSON.stringify(unexpected)).toEqual([]);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(["capacity_exhausted"]));

    const { db } = database;
    expect(await db.collection("claims").countDocuments({ opportunityId: opportunity.id })).toBe(50);
    expect((await db.collection("opportunities").findOne({ _id: opportunity.id }))?.claimsCount).toBe(50);
  });

  it("the same participant claiming twice at once gets one claim", async () => {
    const { opportunity } = await publishedOpportunity({ capacity: 5 });
    const participant = apiClient((await signUpUser("twice")).idToken);
    const responses = await Promise.all(Array.from({ length: 5 }, () => participant.post("/v1/claims", { opportunityId: opportunity.id })));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    // Checked for their number first, so that the codes below are never checked over an empty list.
    const refused = responses.filter((r) => r.status === 409);
    expect(refused, JSON.stringify(responses.map((r) => [r.status, r.body]))).toHaveLength(4);
    expect(refused.map((r) => r.body.code)).toEqual(Array(4).fill("already_claimed"));
    const { db } = database;
    expect(await db.collection("claims").countDocuments({ opportunityId: opportunity.id })).toBe(1);
    // Places taken by the losing attempts were given back.
    expect((await db.collection("opportunities").findOne({ _id: opportunity.id }))?.claimsCount).toBe(1);
  });
});
