import { afterAll, describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// The submissions of a claim through Hosting: the participant's own attempts, oldest first with
// their checks, for them and for the claim's organization; to anyone else the claim does not exist.

const database = platformDatabase();
afterAll(() => database.close());

describe("the submissions of a claim", () => {
  it("lists each attempt oldest first with its status and checks, for the participant, the organization's members and its keys; 404 to anyone else", async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity({ capacity: 2 });
    const participant = apiClient((await signUpUser("submitter")).idToken);
    const claim = await participant.post("/v1/claims", { opportunityId: opportunity.id });
    expect(claim.status).toBe(201);
    const path = `/v1/claims/${claim.body.id}/submissions`;
    expect(await participant.get(path)).toMatchObject({ status: 200, body: { data: [], nextCursor: null } });

    const wrong = await participant.post(path, { ...validAnswers, answers: { ...validAnswers.answers, cups: 99 } });
    expect(wrong.body).toMatchObject({ status: "rejected" });
    const right = await participant.post(path, validAnswers);
    expect(right.body).toMatchObject({ status: "approved" });

    const listed = await participant.get(path);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body).toMatchObject({
      data: [
        { id: wrong.body.id, taskId: "coffee_survey", status: "rejected", verification: { checks: expect.arrayContaining([expect.objectContaining({ passed: false, reason: expect.any(String) })]) } },
        { id: right.body.id, taskId: "coffee_survey", status: "approved" },
      ],
      nextCursor: null,
    });
    const firstPage = await participant.get(`${path}?limit=1`);
    expect(firstPage.body.data.map((s: { id: string }) => s.id)).toEqual([wrong.body.id]);
    const secondPage = await participant.get(`${path}?limit=1&cursor=${firstPage.body.nextCursor}`);
    expect(secondPage.body).toMatchObject({ data: [{ id: right.body.id }], nextCursor: null });

    const key = await asOwner.post(`/v1/organizations/${orgId}/api-keys`, { name: "reader", scopes: ["claims:read"] });
    expect(key.status).toBe(201);
    for (const reader of [asOwner, apiClient(key.body.key)]) {
      expect((await reader.get(path)).body.data.map((s: { id: string }) => s.id)).toEqual([wrong.body.id, right.body.id]);
    }

    const stranger = apiClient((await signUpUser("nosy")).idToken);
    expect(await stranger.get(path)).toMatchObject({ status: 404, body: { code: "not_found" } });
    expect(await participant.get(`/v1/claims/clm_${"0".repeat(22)}/submissions`)).toMatchObject({ status: 404 });
    // Reading changed nothing.
    expect(await database.db.collection("submissions").countDocuments({ claimId: claim.body.id })).toBe(2);
  });
});
