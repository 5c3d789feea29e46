import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity } from "./support/scenario.js";

// A claim written but whose answer was lost: the function answered 5xx (or died) after the claim
// landed, so the router released the request's Idempotency-Key record and the client retries.
// The database cannot be stopped from a test yet, so the release is played by removing that
// record, which is exactly what the router's release leaves behind.

const database = platformDatabase();
afterAll(() => database.close());

async function claimWithLostAnswer(capacity: number) {
  const { opportunity } = await publishedOpportunity({ capacity });
  const participant = apiClient((await signUpUser("lost-answer")).idToken);
  const key = randomUUID();
  const first = await participant.post("/v1/claims", { opportunityId: opportunity.id }, { "idempotency-key": key });
  expect(first.status).toBe(201);
  const records = database.db.collection<{ _id: string }>("idempotency_keys");
  expect((await records.deleteOne({ _id: `${first.body.userId}:createClaim:${key}` })).deletedCount).toBe(1);
  return { opportunity, participant, key, claim: first.body };
}

describe("a claim whose first answer was lost", () => {
  it("is answered to a retry with the same Idempotency-Key as the first answer was: 201 with the claim", async () => {
    const { opportunity, participant, key, claim } = await claimWithLostAnswer(1);

    const retried = await participant.post("/v1/claims", { opportunityId: opportunity.id }, { "idempotency-key": key });

    expect(retried).toMatchObject({ status: 201, body: claim });
    expect(await database.db.collection("claims").countDocuments({ opportunityId: opportunity.id })).toBe(1);
    expect(await database.db.collection("opportunities").findOne({ _id: opportunity.id as never })).toMatchObject({ claimsCount: 1, reservations: [] });
  });

  it("is refused to a request without the key with already_claimed naming the claim, which the participant can then read", async () => {
    const { opportunity, participant, claim } = await claimWithLostAnswer(2);

    const refused = await participant.post("/v1/claims", { opportunityId: opportunity.id });

    expect(refused).toMatchObject({ status: 409, body: { code: "already_claimed", claimId: claim.id } });
    expect(await participant.get(`/v1/claims/${refused.body.claimId}`)).toMatchObject({ status: 200, body: claim });
    expect(await database.db.collection("opportunities").findOne({ _id: opportunity.id as never })).toMatchObject({ claimsCount: 1 });
  });
});
