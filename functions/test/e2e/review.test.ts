import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpTarget } from "../integration/support/http-target.js";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// Manual review through Hosting against the real local servers: a reviewer works the queue,
// approves one participant's work and rejects another's, who submits again and is approved in a
// batch; the events of each step reach the organization's webhook endpoint, and approved work earns
// its reward.

const database = platformDatabase();
let receiver: Awaited<ReturnType<typeof startHttpTarget>>;

beforeAll(async () => {
  receiver = await startHttpTarget();
});

afterAll(async () => {
  await receiver.close();
  await database.close();
});

async function reviewerOf(orgId: string, asOwner: ReturnType<typeof apiClient>) {
  const reviewer = apiClient((await signUpUser("reviewer")).idToken);
  const { userId } = (await reviewer.get("/v1/account")).body;
  expect((await asOwner.post(`/v1/organizations/${orgId}/members`, { userId, role: "reviewer" })).status).toBe(200);
  return reviewer;
}

async function participantSubmitting(opportunityId: string, name: string) {
  const participant = apiClient((await signUpUser(name)).idToken);
  const claim = await participant.post("/v1/claims", { opportunityId });
  expect(claim.status, JSON.stringify(claim.body)).toBe(201);
  const submission = await participant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers);
  expect(submission.status, JSON.stringify(submission.body)).toBe(201);
  return { participant, claimId: claim.body.id as string, submission: submission.body };
}

/** The event types the receiver got whose data names `id` as its `key`, in the order they arrived. */
const eventsAbout = (key: "submissionId" | "claimId", id: string) =>
  receiver.received
    .map((request) => JSON.parse(request.body) as { type: string; data: Record<string, unknown> })
    .filter((payload) => payload.data[key] === id)
    .map((payload) => payload.type);

describe("manual review", () => {
  it("approves one submission and rejects another, which is submitted again and approved in a batch", { timeout: 240_000 }, async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity({ reviewPolicy: "manual", maxAttempts: 2 });
    const endpoint = await asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, {
      url: `${receiver.url}/review`,
      eventTypes: ["submission.created.v1", "submission.approved.v1", "submission.rejected.v1", "claim.completed.v1"],
    });
    expect(endpoint.status).toBe(201);
    const reviewer = await reviewerOf(orgId, asOwner);
    const ada = await participantSubmitting(opportunity.id, "ada");
    const bo = await participantSubmitting(opportunity.id, "bo");
    expect([ada.submission, bo.submission]).toMatchObject([
      { status: "needs_review", attempt: 1, review: null },
      { status: "needs_review", attempt: 1, review: null },
    ]);

    // The queue, oldest first, with the work and who did it.
    const queue = await reviewer.get(`/v1/submissions?orgId=${orgId}&opportunityId=${opportunity.id}`);
    expect(queue.status).toBe(200);
    expect(queue.body.data.map((s: { id: string }) => s.id)).toEqual([ada.submission.id, bo.submission.id]);
    expect(queue.body.data[0]).toMatchObject({ answers: validAnswers.answers, verification: { checks: [{ name: "answers_match_questions", passed: true }, { name: "text_moderation", passed: true }] } });

    const approved = await reviewer.post(`/v1/submissions/${ada.submission.id}/approve`, { note: "thanks" });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", review: { decision: "approved", decidedBy: "reviewer" } });
    const rejected = await reviewer.post(`/v1/submissions/${bo.submission.id}/reject`, { reasonCode: "incomplete", note: "Tell us why you like it" });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    // Deciding again the other way changes nothing.
    expect((await reviewer.post(`/v1/submissions/${ada.submission.id}/reject`, { reasonCode: "other" })).body).toMatchObject({ code: "invalid_state" });

    expect((await ada.participant.get(`/v1/claims/${ada.claimId}`)).body).toMatchObject({ status: "completed" });
    expect((await bo.participant.get(`/v1/claims/${bo.claimId}`)).body).toMatchObject({ status: "active" });
    const again = await bo.participant.post(`/v1/claims/${bo.claimId}/submissions`, validAnswers);
    expect(again.body).toMatchObject({ status: "needs_review", attempt: 2 });

    const batch = await reviewer.post("/v1/submissions/reviews", {
      orgId,
      decisions: [
        { submissionId: again.body.id, decision: "approve" },
        { submissionId: ada.submission.id, decision: "reject", reasonCode: "other" },
      ],
    });
    expect(batch.status, JSON.stringify(batch.body)).toBe(200);
    expect(batch.body.results).toMatchObject([
      { submissionId: again.body.id, ok: true, submission: { status: "approved" } },
      { submissionId: ada.submission.id, ok: false, problem: { code: "invalid_state" } },
    ]);
    expect((await bo.participant.get(`/v1/claims/${bo.claimId}`)).body).toMatchObject({ status: "completed" });
    expect((await reviewer.get(`/v1/submissions?orgId=${orgId}&opportunityId=${opportunity.id}`)).body.data).toEqual([]);

    // Both earn their points once, and every step reached the endpoint (deliveries share the
    // webhook queue with every other test's endpoints, some of them unreachable: allow them time).
    for (const { participant } of [ada, bo]) {
      await eventually(async () => ((await participant.get("/v1/rewards/points")).body.points === 50 ? true : undefined), 60_000);
    }
    await eventually(
      async () => (eventsAbout("claimId", bo.claimId).filter((type) => type.startsWith("submission.")).length === 4 && eventsAbout("claimId", bo.claimId).includes("claim.completed.v1") ? true : undefined),
      150_000,
    );
    // Each message is its own delivery, so they may arrive in any order.
    expect(eventsAbout("submissionId", bo.submission.id).sort()).toEqual(["submission.created.v1", "submission.rejected.v1"]);
    expect(eventsAbout("submissionId", again.body.id).sort()).toEqual(["submission.approved.v1", "submission.created.v1"]);
    const rejection = receiver.received.map((r) => JSON.parse(r.body)).find((p) => p.type === "submission.rejected.v1" && p.data.submissionId === bo.submission.id);
    expect(rejection.data).toMatchObject({ reasonCode: "incomplete", attemptsLeft: 1, decidedBy: "reviewer" });
  });

  it("rejects the claim with its task's last attempt and gives the place back", { timeout: 60_000 }, async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity({ reviewPolicy: "manual", maxAttempts: 1, capacity: 1 });
    const reviewer = await reviewerOf(orgId, asOwner);
    const cy = await participantSubmitting(opportunity.id, "cy");

    const rejected = await reviewer.post(`/v1/submissions/${cy.submission.id}/reject`, { reasonCode: "suspected_fraud" });

    expect(rejected.status).toBe(200);
    expect((await cy.participant.get(`/v1/claims/${cy.claimId}`)).body).toMatchObject({ status: "rejected", rejectedAt: expect.any(String) });
    expect((await cy.participant.post(`/v1/claims/${cy.claimId}/submissions`, validAnswers)).body).toMatchObject({ code: "invalid_state" });
    expect((await database.db.collection<{ _id: string; claimsCount: number }>("opportunities").findOne({ _id: opportunity.id }))?.claimsCount).toBe(0);
    const latecomer = apiClient((await signUpUser("latecomer")).idToken);
    expect((await latecomer.post("/v1/claims", { opportunityId: opportunity.id })).status).toBe(201);
  });

  it("refuses bad decisions with a problem and changes nothing", async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity({ reviewPolicy: "manual" });
    const reviewer = await reviewerOf(orgId, asOwner);
    const dee = await participantSubmitting(opportunity.id, "dee");

    const noReason = await reviewer.post(`/v1/submissions/${dee.submission.id}/reject`, { note: "no reason given" });
    const unknownReason = await reviewer.post(`/v1/submissions/${dee.submission.id}/reject`, { reasonCode: "failed_checks" });
    const duplicateInBatch = await reviewer.post("/v1/submissions/reviews", {
      orgId,
      decisions: [
        { submissionId: dee.submission.id, decision: "approve" },
        { submissionId: dee.submission.id, decision: "approve" },
      ],
    });

    for (const refused of [noReason, unknownReason, duplicateInBatch]) expect(refused.body).toMatchObject({ status: 400, code: "validation_failed" });
    expect((await reviewer.get(`/v1/submissions/${dee.submission.id}`)).body).toMatchObject({ status: "needs_review", review: null });
  });
});
