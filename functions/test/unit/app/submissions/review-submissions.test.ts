import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { submitWork } from "../../../../src/app/claims/submit-work.js";
import { expireClaim } from "../../../../src/app/claims/expire-claim.js";
import { withdrawClaim } from "../../../../src/app/claims/withdraw-claim.js";
import { autoApproveSubmission } from "../../../../src/app/submissions/auto-approve-submission.js";
import { getSubmission, listSubmissions } from "../../../../src/app/submissions/read-submissions.js";
import { approveSubmission, rejectSubmission, reviewSubmissions } from "../../../../src/app/submissions/review-submissions.js";
import { ListSubmissionsQuery } from "../../../../src/contracts/submissions.js";
import { activeOpportunity, organizationWithEveryRole, participant, storedApiKey, surveyTask, validAnswers } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

/** An organization with a manual-review opportunity of `tasks`, and Alice's claim on it. */
async function manualReview(deps: InMemoryDeps, overrides: { tasks?: string[]; maxAttempts?: number; autoApproveAfterDays?: number; timeAllowedMinutes?: number } = {}) {
  const people = await organizationWithEveryRole(deps);
  const { tasks = ["taste"], ...rest } = overrides;
  const opportunity = await activeOpportunity(deps, { orgId: people.org.id, reviewPolicy: "manual", tasks: tasks.map(surveyTask), ...rest });
  const alice = participant(deps);
  const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
  const submit = (taskId = tasks[0]!) => submitWork(deps, alice, claim.id, { taskId, answers: validAnswers });
  return { ...people, opportunity, alice, claimId: claim.id, submit };
}

const queueOf = (orgId: string, extra: Record<string, string> = {}) => ListSubmissionsQuery.parse({ orgId, ...extra });

describe("review of submissions", () => {
  it("a reviewer approves the last task awaiting review: the claim completes, once", async () => {
    const deps = inMemoryDeps();
    const { org, reviewer, claimId, submit } = await manualReview(deps);
    const waiting = await submit();
    expect((await listSubmissions(deps, reviewer, queueOf(org.id))).data.map((s) => s.id)).toEqual([waiting.id]);

    const approved = await approveSubmission(deps, reviewer, waiting.id, { note: "clear answers" });
    const again = await approveSubmission(deps, reviewer, waiting.id, {});

    expect(approved).toMatchObject({ status: "approved", review: { decision: "approved", note: "clear answers", decidedBy: "reviewer", reviewerId: reviewer.userId } });
    expect(again).toEqual(approved);
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "completed", completedTaskIds: ["taste"] });
    expect(deps.publisher.ofType("claim.completed.v1")).toHaveLength(1);
    expect(deps.publisher.ofType("submission.approved.v1")).toMatchObject([{ data: { submissionId: waiting.id, decidedBy: "reviewer" } }]);
    expect((await listSubmissions(deps, reviewer, queueOf(org.id))).data).toEqual([]);
  });

  it("a rejection tells the participant why; they submit again and that attempt is approved", async () => {
    const deps = inMemoryDeps();
    const { reviewer, claimId, submit } = await manualReview(deps, { maxAttempts: 2 });
    const first = await submit();

    const rejected = await rejectSubmission(deps, reviewer, first.id, { reasonCode: "low_quality", note: "say more about the taste" });
    expect(rejected).toMatchObject({ status: "rejected", review: { reasonCode: "low_quality", note: "say more about the taste" } });
    expect(deps.publisher.ofType("submission.rejected.v1")).toMatchObject([{ data: { reasonCode: "low_quality", attemptsLeft: 1 } }]);
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "active" });

    const second = await submit();
    expect(second).toMatchObject({ attempt: 2, status: "needs_review" });
    await approveSubmission(deps, reviewer, second.id, {});
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "completed" });
  });

  it("rejecting a task's last attempt rejects the claim and gives its place back", async () => {
    const deps = inMemoryDeps();
    const { reviewer, opportunity, claimId, submit } = await manualReview(deps, { maxAttempts: 1 });
    const only = await submit();

    await rejectSubmission(deps, reviewer, only.id, { reasonCode: "suspected_fraud" });

    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "rejected" });
    expect((await deps.opportunities.findById(opportunity.id))?.claimsCount).toBe(0);
    expect(deps.publisher.ofType("claim.rejected.v1")).toHaveLength(1);
  });

  it("refuses to reverse a decision, and to approve work whose claim was withdrawn", async () => {
    const deps = inMemoryDeps();
    const { reviewer, alice, claimId, submit } = await manualReview(deps, { tasks: ["first", "second"] });
    const first = await submit("first");
    await approveSubmission(deps, reviewer, first.id, {});
    await expect(rejectSubmission(deps, reviewer, first.id, { reasonCode: "other" })).rejects.toMatchObject({ code: "invalid_state", details: { currentStatus: "approved" } });

    const second = await submit("second");
    await withdrawClaim(deps, alice, claimId);
    await expect(approveSubmission(deps, reviewer, second.id, {})).rejects.toMatchObject({ code: "invalid_state", details: { claimStatus: "withdrawn" } });
    // Rejecting it still takes it off the queue, and changes nothing on the withdrawn claim.
    await rejectSubmission(deps, reviewer, second.id, { reasonCode: "incomplete" });
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "withdrawn", completedTaskIds: ["first"] });
  });

  it("lets only members whose role may review decide, and hides the submission from strangers", async () => {
    const deps = inMemoryDeps();
    const { developer, viewer, owner, alice, submit } = await manualReview(deps);
    const waiting = await submit();

    await expect(approveSubmission(deps, developer, waiting.id, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(getSubmission(deps, viewer, waiting.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getSubmission(deps, participant(deps), waiting.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(approveSubmission(deps, alice, waiting.id, {})).rejects.toMatchObject({ code: "not_found" });
    expect(await getSubmission(deps, owner, waiting.id)).toMatchObject({ id: waiting.id, answers: validAnswers, userId: alice.userId });
  });

  it("decides a batch one by one, reporting each refusal in its place", async () => {
    const deps = inMemoryDeps();
    const { org, reviewer, claimId, submit } = await manualReview(deps, { tasks: ["first", "second"] });
    const first = await submit("first");
    const second = await submit("second");
    const { principal: key } = await storedApiKey(deps, org.id, ["submissions:review"]);

    const { results } = await reviewSubmissions(deps, key, {
      orgId: org.id,
      decisions: [
        { submissionId: first.id, decision: "approve" },
        { submissionId: "sub_0000000000000000", decision: "approve" },
        { submissionId: second.id, decision: "reject", reasonCode: "off_target", note: "wrong product" },
      ],
    });

    expect(results).toMatchObject([
      { submissionId: first.id, ok: true, submission: { status: "approved", review: { reviewerId: key.createdBy } } },
      { submissionId: "sub_0000000000000000", ok: false, problem: { code: "not_found" } },
      { submissionId: second.id, ok: true, submission: { status: "rejected", review: { reasonCode: "off_target" } } },
    ]);
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "active", completedTaskIds: ["first"] });
    await expect(reviewSubmissions(deps, reviewer, { orgId: "org_SomeoneElse00000001", decisions: [{ submissionId: first.id, decision: "approve" }] })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("auto-approves what still awaits review once its window has passed, and leaves decided work alone", async () => {
    const deps = inMemoryDeps();
    // Three days to work: the review window passes while the claim still runs.
    const { reviewer, claimId, submit } = await manualReview(deps, { tasks: ["first", "second"], autoApproveAfterDays: 1, timeAllowedMinutes: 3 * 24 * 60 });
    const first = await submit("first");
    const second = await submit("second");
    await rejectSubmission(deps, reviewer, second.id, { reasonCode: "incomplete" });

    await expect(autoApproveSubmission(deps, { kind: "submission.auto_approve.v1", submissionId: first.id })).rejects.toMatchObject({ code: "unavailable" });
    deps.clock.advance(24 * 3600_000);
    expect(await autoApproveSubmission(deps, { kind: "submission.auto_approve.v1", submissionId: first.id })).toBe("approved");
    expect(await autoApproveSubmission(deps, { kind: "submission.auto_approve.v1", submissionId: first.id })).toBe("decided_already");
    expect(await autoApproveSubmission(deps, { kind: "submission.auto_approve.v1", submissionId: second.id })).toBe("decided_already");

    expect(await deps.submissions.findById(first.id)).toMatchObject({ status: "approved", review: { decidedBy: "auto_approval", reviewerId: null } });
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "active", completedTaskIds: ["first"] });
  });

  it("lists a participant's history with the organization, filtered by status and task", async () => {
    const deps = inMemoryDeps();
    const { org, reviewer, alice, submit } = await manualReview(deps, { tasks: ["first", "second"] });
    const first = await submit("first");
    await submit("second");
    await approveSubmission(deps, reviewer, first.id, {});

    const approved = await listSubmissions(deps, reviewer, queueOf(org.id, { status: "approved", userId: alice.userId }));
    const waitingSecond = await listSubmissions(deps, reviewer, queueOf(org.id, { taskId: "second" }));

    expect(approved.data.map((s) => s.taskId)).toEqual(["first"]);
    expect(waitingSecond.data.map((s) => s.taskId)).toEqual(["second"]);
  });

  it("keeps a claim whose work awaits review past its deadline, and expires it when a rejection leaves it unfinished", async () => {
    const deps = inMemoryDeps();
    const { reviewer, opportunity, claimId, submit } = await manualReview(deps, { maxAttempts: 3 });
    const waiting = await submit();
    const deadline = (await deps.claims.findById(claimId))!.deadline;
    deps.clock.advance(deadline.getTime() - deps.clock.now().getTime() + 1_000);

    expect(await expireClaim(deps, { claimId, checkAt: deadline })).toBe("awaiting_review");
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "active" });

    // Attempts remain, but the time is up: the claim expires with the decision, and its place goes back.
    await rejectSubmission(deps, reviewer, waiting.id, { reasonCode: "incomplete" });
    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "expired" });
    expect((await deps.opportunities.findById(opportunity.id))?.claimsCount).toBe(0);
  });

  it("completes a claim whose last task is approved after its deadline: the work came in time", async () => {
    const deps = inMemoryDeps();
    const { reviewer, claimId, submit } = await manualReview(deps);
    const waiting = await submit();
    const deadline = (await deps.claims.findById(claimId))!.deadline;
    deps.clock.advance(deadline.getTime() - deps.clock.now().getTime() + 1_000);

    await approveSubmission(deps, reviewer, waiting.id, {});

    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "completed" });
  });
});
