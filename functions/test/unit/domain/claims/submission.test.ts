import { describe, expect, it } from "vitest";
import { ReviewPolicy, Task } from "../../../../src/contracts/opportunities.js";
import { verifySurvey } from "../../../../src/domain/claims/submission.js";
import { surveyTask, validAnswers } from "../../support/fixtures.js";

const survey = Task.parse(surveyTask("taste"));

describe("verifySurvey", () => {
  it("approves valid answers under the auto policy", () => {
    expect(verifySurvey(survey, validAnswers, "auto")).toEqual({ status: "approved", checks: [{ name: "answers_match_questions", passed: true }] });
  });

  it.each(ReviewPolicy.options.filter((p) => p !== "auto"))("leaves valid answers for a reviewer under the %s policy", (policy) => {
    expect(verifySurvey(survey, validAnswers, policy).status).toBe("needs_review");
  });

  it.each(ReviewPolicy.options)("rejects invalid answers under the %s policy, saying why", (policy) => {
    expect(verifySurvey(survey, { score: 9, colour: "red" }, policy)).toEqual({
      status: "rejected",
      checks: [{ name: "answers_match_questions", passed: false, reason: "colour: no such question; score: expected a whole number from 1 to 5" }],
    });
  });

  it("refuses survey answers for a task that is not a survey", () => {
    const upload = Task.parse({ id: "photo", type: "upload", title: "Photo", media: { kinds: ["image"], maxBytes: 1_000_000 } });
    expect(() => verifySurvey(upload, validAnswers, "auto")).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });
});
