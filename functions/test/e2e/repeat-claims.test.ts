import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// Repeat claims through Hosting, as a client makes them: a participant claims an opportunity
// again once each claim ends, waits out its cooldown, stops at its limit, and earns each reward.

const database = platformDatabase();
afterAll(() => database.close());

const placesTaken = async (opportunityId: string) => (await database.db.collection<{ _id: string; claimsCount: number }>("opportunities").findOne({ _id: opportunityId }))?.claimsCount;

async function participant(label: string) {
  return apiClient((await signUpUser(label)).idToken);
}

describe("repeat claims", () => {
  it("lets a participant claim again after completing, up to maxClaimsPerUser, with a reward for each claim", async () => {
    const { opportunity } = await publishedOpportunity({ maxClaimsPerUser: 2 });
    expect(opportunity).toMatchObject({ maxClaimsPerUser: 2, claimCooldownMinutes: 0 });
    const regular = await participant("regular");
    const claimIds: string[] = [];
    for (const sequence of [1, 2]) {
      const claim = await regular.post("/v1/claims", { opportunityId: opportunity.id });
      expect(claim.status, JSON.stringify(claim.body)).toBe(201);
      expect(claim.body).toMatchObject({ sequence, status: "active" });
      expect((await regular.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(201);
      claimIds.push(claim.body.id);
    }

    const third = await regular.post("/v1/claims", { opportunityId: opportunity.id });

    expect(third).toMatchObject({ status: 409, body: { code: "claim_limit_reached", claimId: claimIds[1], maxClaimsPerUser: 2 } });
    const mine = await regular.get(`/v1/claims?opportunityId=${opportunity.id}`);
    expect(mine.body.data.map((c: { id: string; sequence: number; status: string }) => [c.id, c.sequence, c.status])).toEqual([
      [claimIds[1], 2, "completed"],
      [claimIds[0], 1, "completed"],
    ]);
    const rewards = await eventually(async () => {
      const issued = (await regular.get("/v1/rewards")).body.data.filter((r: { status: string }) => r.status === "issued");
      return issued.length === 2 ? issued : undefined;
    });
    expect(rewards.map((r: { claimId: string }) => r.claimId).sort()).toEqual([...claimIds].sort());
    expect((await regular.get("/v1/rewards/points")).body.points).toBe(100);
    expect(await placesTaken(opportunity.id)).toBe(2);
  });

  it("answers a claim within the cooldown with claim_cooldown and when to come back, until the organization shortens the wait", async () => {
    const { asOwner, opportunity } = await publishedOpportunity({ maxClaimsPerUser: 3, claimCooldownMinutes: 60 });
    const returning = await participant("returning");
    const first = await returning.post("/v1/claims", { opportunityId: opportunity.id });
    const withdrawn = await returning.post(`/v1/claims/${first.body.id}/withdraw`);
    expect(withdrawn.status).toBe(200);

    const early = await returning.post("/v1/claims", { opportunityId: opportunity.id });

    const retryAt = new Date(Date.parse(withdrawn.body.withdrawnAt) + 60 * 60_000).toISOString();
    expect(early).toMatchObject({ status: 409, body: { code: "claim_cooldown", claimId: first.body.id, retryAt } });
    expect(await placesTaken(opportunity.id)).toBe(0);

    const longer = await asOwner.raw("PATCH", `/v1/opportunities/${opportunity.id}`, { body: { claimCooldownMinutes: 90 } });
    expect(longer).toMatchObject({ status: 409, body: { code: "invalid_state", fields: ["claimCooldownMinutes"] } });
    const shorter = await asOwner.raw("PATCH", `/v1/opportunities/${opportunity.id}`, { body: { claimCooldownMinutes: 0, maxClaimsPerUser: 4 } });
    expect(shorter).toMatchObject({ status: 200, body: { claimCooldownMinutes: 0, maxClaimsPerUser: 4 } });

    const again = await returning.post("/v1/claims", { opportunityId: opportunity.id });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toMatchObject({ sequence: 2, status: "active" });
    expect(await placesTaken(opportunity.id)).toBe(1);
  });

  it("makes one next claim of several racing requests, and takes one place", async () => {
    const { opportunity } = await publishedOpportunity({ maxClaimsPerUser: 5 });
    const eager = await participant("eager");
    const first = await eager.post("/v1/claims", { opportunityId: opportunity.id });
    await eager.post(`/v1/claims/${first.body.id}/withdraw`);

    const answers = await Promise.all([1, 2, 3, 4].map(() => eager.post("/v1/claims", { opportunityId: opportunity.id })));

    const created = answers.filter((a) => a.status === 201);
    expect(created, JSON.stringify(answers.map((a) => a.body))).toHaveLength(1);
    expect(created[0]?.body).toMatchObject({ sequence: 2 });
    for (const refused of answers.filter((a) => a.status !== 201)) {
      expect(refused).toMatchObject({ status: 409, body: { code: "already_claimed", claimId: created[0]?.body.id } });
    }
    expect(await database.db.collection("claims").countDocuments({ opportunityId: opportunity.id })).toBe(2);
    expect(await placesTaken(opportunity.id)).toBe(1);
    expect(await database.db.collection("opportunities").findOne({ _id: opportunity.id as never })).toMatchObject({ reservations: [] });
  });
});
