import { afterAll, describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// A participant withdraws a claim through Hosting, as a client would: the place goes back once,
// and a withdrawal racing the submission that completes the claim leaves one outcome.

const database = platformDatabase();
afterAll(() => database.close());

const stored = (collection: string, id: string) => database.db.collection<{ _id: string; claimsCount?: number; status?: string }>(collection).findOne({ _id: id });
const placesTaken = async (opportunityId: string) => (await stored("opportunities", opportunityId))?.claimsCount;
const claimStatus = async (claimId: string) => (await stored("claims", claimId))?.status;

async function participantWithClaim(opportunityId: string, name: string) {
  const participant = apiClient((await signUpUser(name)).idToken);
  const claim = await participant.post("/v1/claims", { opportunityId });
  expect(claim.status, JSON.stringify(claim.body)).toBe(201);
  return { participant, claimId: claim.body.id as string };
}

describe("withdrawing a claim", () => {
  it("gives the place back, so another participant can take the last place", async () => {
    const { opportunity } = await publishedOpportunity({ capacity: 1 });
    const { participant, claimId } = await participantWithClaim(opportunity.id, "withdrawer");
    const latecomer = apiClient((await signUpUser("latecomer")).idToken);
    expect((await latecomer.post("/v1/claims", { opportunityId: opportunity.id })).body).toMatchObject({ code: "capacity_exhausted" });

    const withdrawn = await participant.post(`/v1/claims/${claimId}/withdraw`);

    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ id: claimId, status: "withdrawn", withdrawnAt: expect.any(String) });
    expect(await placesTaken(opportunity.id)).toBe(0);
    expect((await participant.get(`/v1/claims/${claimId}`)).body).toMatchObject({ status: "withdrawn" });
    const taken = await latecomer.post("/v1/claims", { opportunityId: opportunity.id });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    expect(await placesTaken(opportunity.id)).toBe(1);
  });

  it("refuses a second withdrawal with 409 invalid_state and gives no second place back", async () => {
    const { opportunity } = await publishedOpportunity({ capacity: 3 });
    await participantWithClaim(opportunity.id, "stays");
    const { participant, claimId } = await participantWithClaim(opportunity.id, "twice");
    expect((await participant.post(`/v1/claims/${claimId}/withdraw`)).status).toBe(200);

    const again = await participant.post(`/v1/claims/${claimId}/withdraw`);

    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "invalid_state" });
    expect(await placesTaken(opportunity.id)).toBe(1);
    expect(await claimStatus(claimId)).toBe("withdrawn");
  });

  it("answers 404 for someone else's claim and leaves it active", async () => {
    const { opportunity } = await publishedOpportunity({ capacity: 2 });
    const { claimId } = await participantWithClaim(opportunity.id, "owner-of-claim");
    const stranger = apiClient((await signUpUser("stranger")).idToken);

    const refused = await stranger.post(`/v1/claims/${claimId}/withdraw`);

    expect(refused.status).toBe(404);
    expect(await claimStatus(claimId)).toBe("active");
    expect(await placesTaken(opportunity.id)).toBe(1);
  });

  it("racing the submission that completes the claim leaves one outcome, with the right count", { timeout: 120_000 }, async () => {
    const { opportunity } = await publishedOpportunity({ capacity: 10 });
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round++) {
      const { participant, claimId } = await participantWithClaim(opportunity.id, `racer${round}`);
      const [withdrawal, submission] = await Promise.all([
        participant.post(`/v1/claims/${claimId}/withdraw`),
        participant.post(`/v1/claims/${claimId}/submissions`, validAnswers),
      ]);
      const answers = JSON.stringify([withdrawal.status, withdrawal.body, submission.status, submission.body]);
      const status = await claimStatus(claimId);
      if (withdrawal.status === 200) {
        expect(submission.status, answers).toBe(409);
        expect(submission.body.code, answers).toBe("invalid_state");
        expect(status).toBe("withdrawn");
      } else {
        expect(withdrawal.status, answers).toBe(409);
        expect(withdrawal.body.code, answers).toBe("invalid_state");
        expect(submission.status, answers).toBe(201);
        expect(status).toBe("completed");
      }
      outcomes.push(String(status));
    }
    const holding = outcomes.filter((status) => status === "completed").length;
    expect(await placesTaken(opportunity.id)).toBe(holding);
  });
});
