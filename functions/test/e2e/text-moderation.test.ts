import { describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "./support/api-client.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// Free-text answers are screened with `obscenity` when the work is submitted, through Hosting
// against the real local servers: flagged work waits in the review queue, with the check saying why.

describe("text moderation of survey answers", () => {
  it("approves clean answers under auto, and sends profane ones to the review queue naming the question", { timeout: 120_000 }, async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity({ reviewPolicy: "auto" });
    const answer = async (name: string, why: string) => {
      const participant = apiClient((await signUpUser(name)).idToken);
      const claimId = (await participant.post("/v1/claims", { opportunityId: opportunity.id })).body.id as string;
      const submitted = await participant.post(`/v1/claims/${claimId}/submissions`, { ...validAnswers, answers: { ...validAnswers.answers, why } });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
      return submitted.body;
    };
    const clean = await answer("polite", "I like the taste in the morning");
    expect(clean).toMatchObject({ status: "approved" });
    expect(clean.verification.checks).toContainEqual(expect.objectContaining({ name: "text_moderation", passed: true }));
    const rude = await answer("rude", "because this survey is sh1tty");
    expect(rude).toMatchObject({ status: "needs_review" });
    expect(rude.verification.checks).toContainEqual(expect.objectContaining({ name: "text_moderation", passed: false, conclusive: false, reason: expect.stringMatching(/^profanity in why: /) }));
    const queue = await asOwner.get(`/v1/submissions?orgId=${orgId}&opportunityId=${opportunity.id}`);
    expect(queue.body.data.map((submission: { id: string }) => submission.id)).toEqual([rude.id]);
  });
});
