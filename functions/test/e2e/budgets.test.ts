import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// An opportunity's budget through Hosting: claims commit its reward while they hold a place, a
// withdrawal gives the share back, issued rewards spend it, and the organization reads where it stands.

const database = platformDatabase();
afterAll(() => database.close());

const participant = async (label: string) => apiClient((await signUpUser(label)).idToken);

describe("an opportunity's budget", () => {
  it("takes no more claims than it pays for, gives a withdrawn claim's share back, and counts issued rewards as spent", async () => {
    // 50 points a claim, 120 points: two claims, though there are ten places.
    const { asOwner, opportunity } = await publishedOpportunity({ capacity: 10, budget: 120 });
    const [first, second, third] = [await participant("budget-1"), await participant("budget-2"), await participant("budget-3")];
    const firstClaim = await first.post("/v1/claims", { opportunityId: opportunity.id });
    const secondClaim = await second.post("/v1/claims", { opportunityId: opportunity.id });
    expect([firstClaim.status, secondClaim.status]).toEqual([201, 201]);

    const refused = await third.post("/v1/claims", { opportunityId: opportunity.id });
    expect(refused).toMatchObject({ status: 409, body: { code: "budget_exhausted", budget: 120 } });

    expect((await second.post(`/v1/claims/${secondClaim.body.id}/withdraw`)).status).toBe(200);
    const taken = await third.post("/v1/claims", { opportunityId: opportunity.id });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);

    expect((await first.post(`/v1/claims/${firstClaim.body.id}/submissions`, validAnswers)).status).toBe(201);
    const standing = await eventually(async () => {
      const budget = await asOwner.get(`/v1/opportunities/${opportunity.id}/budget`);
      return budget.body.spent === 50 ? budget : undefined;
    });
    expect(standing).toMatchObject({ status: 200, body: { opportunityId: opportunity.id, unit: "points", limit: 120, costPerClaim: 50, committed: 100, spent: 50, remaining: 20 } });
    expect(await first.get(`/v1/opportunities/${opportunity.id}/budget`)).toMatchObject({ status: 404 });
  });

  it("may grow while the opportunity runs, never shrink", async () => {
    const { asOwner, opportunity } = await publishedOpportunity({ budget: 100 });
    const smaller = await asOwner.raw("PATCH", `/v1/opportunities/${opportunity.id}`, { body: { budget: 50 } });
    expect(smaller).toMatchObject({ status: 409, body: { code: "invalid_state", fields: ["budget"] } });
    const larger = await asOwner.raw("PATCH", `/v1/opportunities/${opportunity.id}`, { body: { budget: 150 } });
    expect(larger).toMatchObject({ status: 200, body: { budget: 150 } });
    expect((await database.db.collection("opportunities").findOne({ _id: opportunity.id as never }))?.["budget"]).toBe(150);
  });
});
