import { describe, expect, it } from "vitest";
import { ReviewPolicy, Task } from "../../../../src/contracts/opportunities.js";
import { openClaim } from "../../../../src/domain/claims/claim.js";
import { decided, nextAttempt, recordSubmission, rejectsClaim, statusAfterChecks, surveyChecks, type ReviewRules } from "../../../../src/domain/claims/submission.js";
import { draftOpportunity } from "../../../../src/domain/opportunities/opportunity.js";
import { opportunityIn, surveyTask, validAnswers } from "../../support/fixtures.js";

const survey = Task.parse(surveyTask("taste")) as Extract<Task, { type: "survey" }>;
const now = new Date("2026-03-02T09:00:00.000Z");
const passed = [{ name: "answers_match_questions", passed: true, conclusive: true }];
const failed = [{ name: "answers_match_questions", passed: false, conclusive: true, reason: "score: missing" }];
const unconfirmed = [{ name: "action_done", passed: false, conclusive: false, reason: "a reviewer looks" }];

function submissionUnder(rules: Partial<ReviewRules>, answers: Record<string, unknown> = validAnswers) {
  const opportunity = draftOpportunity(opportunityIn({ orgId: "org_aaaaaaaaaaaaaaaa" }), "opp_aaaaaaaaaaaaaaaa", now);
  const claim = openClaim(opportunity, "usr_aaaaaaaaaaaaaaaa", "clm_aaaaaaaaaaaaaaaa", now);
  return recordSubmission(claim, survey, { answers: answers as never }, { reviewPolicy: "auto", maxAttempts: 3, autoApproveAfterDays: null, ...rules }, 1, "sub_aaaaaaaaaaaaaaaa", now);
}

describe("surveyChecks", () => {
  it("passes answers that match the questions", () => {
    expect(surveyChecks(survey, validAnswers)).toEqual(passed);
  });

  it("fails answers that do not, saying why", () => {
    expect(surveyChecks(survey, { score: 9, colour: "red" })).toEqual([
      { name: "answers_match_questions", passed: false, conclusive: true, reason: "colour: no such question; score: expected a whole number from 1 to 5" },
    ]);
  });

});

describe("statusAfterChecks", () => {
  it.each([
    ["auto", passed, "approved"],
    ["auto", failed, "rejected"],
    ["auto_then_manual", passed, "needs_review"],
    ["auto_then_manual", failed, "rejected"],
    // Under manual review the checks only advise: a reviewer decides failing work too.
    ["manual", passed, "needs_review"],
    ["manual", failed, "needs_review"],
    // What no check could confirm goes to a reviewer whatever the policy; a conclusive failure still rejects.
    ["auto", unconfirmed, "needs_review"],
    ["auto", [...unconfirmed, ...failed], "rejected"],
    ["auto_then_manual", unconfirmed, "needs_review"],
  ] as const)("under %s, checks %j leave it %s", (policy, checks, status) => {
    expect(ReviewPolicy.options).toContain(policy);
    expect(statusAfterChecks(checks, policy)).toBe(status);
  });
});

describe("recordSubmission", () => {
  it("takes the work its task's type takes: answers for a survey, a proof for a social task, media for an upload task", () => {
    const opportunity = draftOpportunity(opportunityIn({ orgId: "org_aaaaaaaaaaaaaaaa" }), "opp_aaaaaaaaaaaaaaaa", now);
    const claim = openClaim(opportunity, "usr_aaaaaaaaaaaaaaaa", "clm_aaaaaaaaaaaaaaaa", now);
    const rules = { reviewPolicy: "auto", maxAttempts: 3, autoApproveAfterDays: null } as const;
    const upload = Task.parse({ id: "photo", type: "upload", title: "Photo", media: { kinds: ["image"], maxBytes: 1_000_000 } });
    expect(() => recordSubmission(claim, survey, { proof: { url: "https://x.com/a/status/1" } }, rules, 1, "sub_aaaaaaaaaaaaaaaa", now)).toThrow(
      expect.objectContaining({ code: "validation_failed", details: { errors: [{ location: "body.answers", message: "required by a survey task" }] } }),
    );
    expect(() => recordSubmission(claim, upload, { answers: {} }, rules, 1, "sub_aaaaaaaaaaaaaaaa", now)).toThrow(
      expect.objectContaining({ code: "validation_failed", details: { errors: [{ location: "body.media", message: "required by an upload task" }] } }),
    );
  });

  it("records what the checks decided, by the checks, with failed_checks as the reason of a rejection", () => {
    expect(submissionUnder({})).toMatchObject({ status: "approved", review: { decision: "approved", reasonCode: null, decidedBy: "checks", decidedAt: now }, autoApprovesAt: null });
    expect(submissionUnder({}, { score: 9 })).toMatchObject({ status: "rejected", review: { decision: "rejected", reasonCode: "failed_checks", decidedBy: "checks" } });
  });

  it("leaves work for a reviewer undecided, approving itself after the review window when one is set", () => {
    expect(submissionUnder({ reviewPolicy: "manual" })).toMatchObject({ status: "needs_review", review: null, autoApprovesAt: null });
    expect(submissionUnder({ reviewPolicy: "manual", autoApproveAfterDays: 3 }).autoApprovesAt).toEqual(new Date("2026-03-05T09:00:00.000Z"));
  });
});

describe("nextAttempt", () => {
  const of = (status: "approved" | "rejected" | "needs_review", attempt: number, taskId = "taste") => ({ taskId, status, attempt });

  it("numbers a task's attempts from 1, counting only that task's", () => {
    expect(nextAttempt([], "taste", 3)).toBe(1);
    expect(nextAttempt([of("rejected", 1), of("rejected", 1, "other"), of("rejected", 2, "other")], "taste", 3)).toBe(2);
  });

  it("refuses a task awaiting review or approved already", () => {
    expect(() => nextAttempt([of("needs_review", 1)], "taste", 3)).toThrow(expect.objectContaining({ code: "invalid_state", message: expect.stringContaining("awaiting review") }));
    expect(() => nextAttempt([of("rejected", 1), of("approved", 2)], "taste", 3)).toThrow(expect.objectContaining({ code: "invalid_state", message: expect.stringContaining("already approved") }));
  });

  it("refuses once maxAttempts were made", () => {
    expect(nextAttempt([of("rejected", 1)], "taste", 2)).toBe(2);
    expect(() => nextAttempt([of("rejected", 1), of("rejected", 2)], "taste", 2)).toThrow(expect.objectContaining({ code: "invalid_state", details: { attemptsLeft: 0 } }));
  });
});

describe("decided", () => {
  const awaiting = () => submissionUnder({ reviewPolicy: "manual", autoApproveAfterDays: 2 });
  const later = new Date("2026-03-03T09:00:00.000Z");

  it("records a reviewer's approval and ends the review window", () => {
    const approved = decided(awaiting(), { decision: "approved", note: "great", decidedBy: "reviewer", reviewerId: "usr_bbbbbbbbbbbbbbbb" }, later);
    expect(approved).toMatchObject({ status: "approved", autoApprovesAt: null, review: { decision: "approved", reasonCode: null, note: "great", decidedBy: "reviewer", reviewerId: "usr_bbbbbbbbbbbbbbbb", decidedAt: later } });
  });

  it("records a rejection's reason; the task's last attempt rejected ends the claim", () => {
    const rejection = { decision: "rejected", reasonCode: "low_quality", note: null, decidedBy: "reviewer", reviewerId: "usr_bbbbbbbbbbbbbbbb" } as const;
    const rejected = decided(awaiting(), rejection, later);
    expect(rejected).toMatchObject({ status: "rejected", review: { reasonCode: "low_quality" } });
    expect(rejectsClaim(rejected, 2, true)).toBe(false);
    expect(rejectsClaim(rejected, 1, true)).toBe(true);
    // An optional task's last attempt rejected leaves the claim to its required tasks.
    expect(rejectsClaim(rejected, 1, false)).toBe(false);
  });

  it("refuses to decide a submission decided already, naming its status", () => {
    const approved = submissionUnder({});
    expect(() => decided(approved, { decision: "approved", note: null, decidedBy: "auto_approval", reviewerId: null }, later)).toThrow(
      expect.objectContaining({ code: "invalid_state", details: { currentStatus: "approved" } }),
    );
  });
});
