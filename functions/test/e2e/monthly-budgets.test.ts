import { afterAll, describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, surveyOpportunity } from "./support/scenario.js";

// An organization's monthly budget through Hosting: racing claims on two of its opportunities
// commit no more than the month's limit, a refused claim leaves no place taken, and a withdrawal
// gives its charge back for the next claim.

const database = platformDatabase();
afterAll(() => database.close());

const participant = async (label: string) => apiClient((await signUpUser(label)).idToken);

describe("an organization's monthly budget", () => {
  it("never commits more than the month's limit across the organization's opportunities, and gives a withdrawn claim's charge back", async () => {
    const { asOwner, orgId, opportunity: first } = await publishedOpportunity({ capacity: 20 });
    const secondDraft = await asOwner.post("/v1/opportunities", surveyOpportunity(orgId, { capacity: 20 }));
    const second = await asOwner.post(`/v1/opportunities/${secondDraft.body.id}/publish`);
    expect(second.status).toBe(200);
    // 50 points a claim: three claims a month.
    const set = await asOwner.patch(`/v1/organizations/${orgId}/monthly-budgets`, { limits: { points: 150 } });
    expect(set).toMatchObject({ status: 200, body: { orgId, budgets: [{ unit: "points", limit: 150, committed: 0, remaining: 150 }] } });

    const claimants = await Promise.all(Array.from({ length: 12 }, (_, i) => participant(`monthly-${i}`)));
    const answers = await Promise.all(claimants.map((claimant, i) => claimant.post("/v1/claims", { opportunityId: (i % 2 === 0 ? first : second.body).id })));

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201), JSON.stringify(answers.map((a) => a.body))).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 409 && answer.body.code === "budget_exhausted" && answer.body.scope === "monthly")).toHaveLength(9);
    // The refused claims' places went back: only the three claims hold one.
    const places = await database.db.collection("opportunities").find({ _id: { $in: [first.id, second.body.id] } as never }).toArray();
    expect(places.reduce((sum, opportunity) => sum + (opportunity["claimsCount"] as number), 0)).toBe(3);
    const standing = await asOwner.get(`/v1/organizations/${orgId}/monthly-budgets`);
    expect(standing.body.budgets).toEqual([{ unit: "points", limit: 150, committed: 150, spent: 0, remaining: 0 }]);

    const winner = answers.findIndex((answer) => answer.status === 201);
    expect((await claimants[winner]!.post(`/v1/claims/${answers[winner]!.body.id}/withdraw`)).status).toBe(200);
    expect((await asOwner.get(`/v1/organizations/${orgId}/monthly-budgets`)).body.budgets[0]).toMatchObject({ committed: 100, remaining: 50 });
    const late = await participant("monthly-late");
    const taken = await late.post("/v1/claims", { opportunityId: first.id });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    expect((await late.post("/v1/claims", { opportunityId: second.body.id })).body).toMatchObject({ code: "budget_exhausted", scope: "monthly", unit: "points", limit: 150 });
  });

  it("refuses a limit that is not a whole positive amount of a unit, and changes nothing", async () => {
    const { asOwner, orgId } = await publishedOpportunity();
    const bad = await asOwner.raw("PATCH", `/v1/organizations/${orgId}/monthly-budgets`, { body: { limits: { euros: 10, points: 0.5 } } });
    expect(bad).toMatchObject({ status: 400, body: { code: "validation_failed" } });
    expect((await asOwner.get(`/v1/organizations/${orgId}/monthly-budgets`)).body.budgets).toEqual([]);
  });
});
