import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { submitWork } from "../../../../src/app/claims/submit-work.js";
import { SubmissionOut } from "../../../../src/contracts/claims.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { activeOpportunity, participant, surveyTask, validAnswers } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

/** Alice's claim on an opportunity of two survey tasks, `first` and `second`. */
async function aliceClaim(deps: InMemoryDeps, reviewPolicy: "auto" | "manual" = "auto") {
  const opportunity = await activeOpportunity(deps, { tasks: [surveyTask("first"), surveyTask("second")], reviewPolicy, timeAllowedMinutes: 60 });
  const alice = participant(deps);
  const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
  return { opportunity, alice, claimId: claim.id };
}

describe("submitWork", () => {
  it("approves valid answers under the auto policy and advances the claim's progress", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceClaim(deps);

    const submission = await submitWork(deps, alice, claimId, { taskId: "first", answers: validAnswers });

    expect(submission).toMatchObject({ claimId, taskId: "first", status: "approved", verification: { checks: [{ name: "answers_match_questions", passed: true }] } });
    expect(SubmissionOut.safeParse(submission).success).toBe(true);
    expect(deps.submissions.table.all()).toMatchObject([{ id: submission.id, userId: alice.userId, answers: validAnswers, status: "approved" }]);
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "active", completedTaskIds: ["first"], completedAt: null });
    expect(deps.publisher.ofType("claim.completed.v1")).toEqual([]);
  });

  it("completes the claim with the last task and publishes exactly one claim.completed.v1", async () => {
    const deps = inMemoryDeps();
    const { opportunity, alice, claimId } = await aliceClaim(deps);
    await submitWork(deps, alice, claimId, { taskId: "first", answers: validAnswers });
    deps.clock.advance(5 * 60_000);

    await submitWork(deps, alice, claimId, { taskId: "second", answers: validAnswers });

    const completedAt = new Date("2026-03-02T09:05:00.000Z");
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "completed", completedTaskIds: ["first", "second"], completedAt });
    expect(deps.publisher.ofType("claim.completed.v1")).toMatchObject([
      { orgId: opportunity.orgId, data: { claimId, opportunityId: opportunity.id, userId: alice.userId, completedAt: completedAt.toISOString() } },
    ]);
    expect(await deps.outbox.pending({ aggregate: "claim", id: claimId })).toEqual([]);
  });

  it("completes the claim once when the last two tasks are approved at the same time", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceClaim(deps);

    await Promise.all(["first", "second"].map((taskId) => submitWork(deps, alice, claimId, { taskId, answers: validAnswers })));

    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "completed", completedTaskIds: expect.arrayContaining(["first", "second"]) });
    expect(deps.publisher.ofType("claim.completed.v1")).toHaveLength(1);
  });

  it("refuses work on a task that is already approved, and records nothing", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceClaim(deps);
    await submitWork(deps, alice, claimId, { taskId: "first", answers: validAnswers });

    await expect(submitWork(deps, alice, claimId, { taskId: "first", answers: validAnswers })).rejects.toMatchObject({ code: "invalid_state" });
    expect(deps.submissions.table.all()).toHaveLength(1);
  });

  it("rejects invalid answers with the reasons, and the claim does not advance", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceClaim(deps);

    const submission = await submitWork(deps, alice, claimId, { taskId: "first", answers: { score: 11 } });

    expect(submission.status).toBe("rejected");
    expect(submission.verification.checks).toEqual([{ name: "answers_match_questions", passed: false, conclusive: true, reason: "score: expected a whole number from 1 to 5" }]);
    expect(deps.submissions.table.all()).toMatchObject([{ status: "rejected" }]);
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "active", completedTaskIds: [] });
  });

  it("leaves valid answers for a reviewer under the manual policy, without completing anything", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceClaim(deps, "manual");

    const results = await Promise.all(["first", "second"].map((taskId) => submitWork(deps, alice, claimId, { taskId, answers: validAnswers })));

    expect(results.map((s) => s.status)).toEqual(["needs_review", "needs_review"]);
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "active", completedTaskIds: [] });
    expect(deps.publisher.ofType("claim.completed.v1")).toEqual([]);
  });

  it("does not reveal another participant's claim: not_found", async () => {
    const deps = inMemoryDeps();
    const { claimId } = await aliceClaim(deps);

    await expect(submitWork(deps, participant(deps), claimId, { taskId: "first", answers: validAnswers })).rejects.toMatchObject({ code: "not_found" });
    expect(deps.submissions.table.all()).toEqual([]);
    expect(await deps.claims.findById(claimId)).toMatchObject({ completedTaskIds: [] });
  });

  it("refuses a task the opportunity does not have: validation_failed", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceClaim(deps);

    await expect(submitWork(deps, alice, claimId, { taskId: "third", answers: validAnswers })).rejects.toMatchObject({ code: "validation_failed" });
    expect(deps.submissions.table.all()).toEqual([]);
  });

  it("refuses work once the claim's deadline has passed: invalid_state", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceClaim(deps);
    deps.clock.advance(60 * 60_000);

    await expect(submitWork(deps, alice, claimId, { taskId: "first", answers: validAnswers })).rejects.toMatchObject({ code: "invalid_state" });
    expect(deps.submissions.table.all()).toEqual([]);
  });

  it("refuses work on a completed claim: invalid_state", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceClaim(deps);
    for (const taskId of ["first", "second"]) await submitWork(deps, alice, claimId, { taskId, answers: validAnswers });

    await expect(submitWork(deps, alice, claimId, { taskId: "first", answers: validAnswers })).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("answers a retry whose first answer was lost with the submission that request made, and counts its approval if the first did not", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceClaim(deps);
    await submitWork(deps, alice, claimId, { taskId: "first", answers: validAnswers });
    // The second submission is stored, then the request dies before the claim counts it.
    const count = deps.claims.save;
    deps.claims.save = async () => {
      throw new AppError("unavailable", "the database is unavailable; try again");
    };
    await expect(submitWork(deps, alice, claimId, { taskId: "second", answers: validAnswers }, { idempotencyKey: "key-2" })).rejects.toMatchObject({ code: "unavailable" });
    deps.claims.save = count;

    const retried = await submitWork(deps, alice, claimId, { taskId: "second", answers: validAnswers }, { idempotencyKey: "key-2" });
    const again = await submitWork(deps, alice, claimId, { taskId: "second", answers: validAnswers }, { idempotencyKey: "key-2" });

    expect(retried).toMatchObject({ taskId: "second", status: "approved" });
    expect(again).toEqual(retried);
    expect(deps.submissions.table.all().filter((submission) => submission.taskId === "second")).toHaveLength(1);
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "completed", completedTaskIds: ["first", "second"] });
    expect(deps.publisher.ofType("claim.completed.v1")).toHaveLength(1);
    await expect(submitWork(deps, alice, claimId, { taskId: "second", answers: validAnswers }, { idempotencyKey: "another" })).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("numbers a rejected task's resubmissions, publishing each submission's events, and rejects the claim with the last attempt", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { maxAttempts: 2 });
    const alice = participant(deps);
    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    const placesTaken = (await deps.opportunities.findById(opportunity.id))?.claimsCount;

    const first = await submitWork(deps, alice, claim.id, { taskId: "taste", answers: { score: 9 } });
    expect(first).toMatchObject({ attempt: 1, status: "rejected", review: { decision: "rejected", reasonCode: "failed_checks", decidedBy: "checks" } });
    expect(await deps.claims.findById(claim.id)).toMatchObject({ status: "active" });
    const second = await submitWork(deps, alice, claim.id, { taskId: "taste", answers: { score: 0 } });

    expect(second).toMatchObject({ attempt: 2, status: "rejected" });
    expect(deps.publisher.ofType("submission.created.v1").map((e) => e.data.attempt)).toEqual([1, 2]);
    expect(deps.publisher.ofType("submission.rejected.v1").map((e) => e.data.attemptsLeft)).toEqual([1, 0]);
    expect(await deps.claims.findById(claim.id)).toMatchObject({ status: "rejected", rejectedAt: deps.clock.now() });
    expect(deps.publisher.ofType("claim.rejected.v1")).toMatchObject([{ data: { claimId: claim.id, taskId: "taste" } }]);
    // A rejected claim's place goes back, once.
    expect((await deps.opportunities.findById(opportunity.id))?.claimsCount).toBe((placesTaken ?? 0) - 1);
    await expect(submitWork(deps, alice, claim.id, { taskId: "taste", answers: validAnswers })).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("refuses a new submission of a task awaiting review, and schedules its auto-approval when the opportunity has a review window", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { reviewPolicy: "manual", autoApproveAfterDays: 2 });
    const alice = participant(deps);
    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });

    const waiting = await submitWork(deps, alice, claim.id, { taskId: "taste", answers: validAnswers });

    expect(waiting).toMatchObject({ status: "needs_review", review: null });
    expect(deps.tasks.enqueued).toContainEqual({ payload: { kind: "submission.auto_approve.v1", submissionId: waiting.id }, delaySeconds: 2 * 24 * 3600, name: `auto-approve-${waiting.id}` });
    await expect(submitWork(deps, alice, claim.id, { taskId: "taste", answers: validAnswers })).rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("awaiting review") });
    expect(deps.submissions.table.all()).toHaveLength(1);
  });

  it("makes one submission of two racing for the same attempt", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceClaim(deps, "manual");

    const outcomes = await Promise.allSettled([1, 2].map(() => submitWork(deps, alice, claimId, { taskId: "first", answers: validAnswers })));

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "invalid_state" } });
    expect(deps.submissions.table.all()).toHaveLength(1);
  });

  it("verifies a social task's proof: a follow waits for a reviewer, a post off the platform is rejected, and a checked post completes the claim without the optional follow", async () => {
    const deps = inMemoryDeps();
    const post = { id: "post", type: "social", title: "Post", platform: "instagram", action: "post", target: "@acme", proof: { url: true, mustInclude: ["#acme"] as string[] } } as const;
    const follow = { id: "follow", type: "social", title: "Follow", platform: "instagram", action: "follow", target: "@acme", proof: { url: false }, required: false } as const;
    const opportunity = await activeOpportunity(deps, { tasks: [follow, post], maxAttempts: 1 });
    const alice = participant(deps);
    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });

    const followed = await submitWork(deps, alice, claim.id, { taskId: "follow", proof: {} });
    expect(followed).toMatchObject({ status: "needs_review", verification: { checks: [{ name: "action_done", conclusive: false }] } });
    const offPlatform = await submitWork(deps, alice, claim.id, { taskId: "post", proof: { url: "https://example.com/p/1", text: "#acme" } });
    expect(offPlatform).toMatchObject({ status: "rejected", review: { reasonCode: "failed_checks" } });
    // One attempt, rejected: a required task's last attempt rejects the claim.
    expect(await deps.claims.findById(claim.id)).toMatchObject({ status: "rejected" });

    const bob = participant(deps);
    const second = await claimOpportunity(deps, bob, { opportunityId: opportunity.id });
    const posted = await submitWork(deps, bob, second.id, { taskId: "post", proof: { url: "https://www.instagram.com/p/Cx1/", text: "Morning cup #ACME" } });
    expect(posted).toMatchObject({ status: "approved" });
    // The optional follow was never done: the claim completes on its one required task.
    expect(await deps.claims.findById(second.id)).toMatchObject({ status: "completed", completedTaskIds: ["post"] });
    expect(deps.submissions.table.all().find((s) => s.id === posted.id)).toMatchObject({ proof: { url: "https://www.instagram.com/p/Cx1/", text: "Morning cup #ACME" }, answers: {} });
  });
});
