import { z } from "zod";
import { SubmissionOut, SurveyAnswers, VerificationCheck } from "../../contracts/claims.js";
import { OrgId, UserId } from "../../contracts/common.js";
import type { ReviewPolicy, Task } from "../../contracts/opportunities.js";
import { firstVersion, Version } from "../aggregate.js";
import { claimReference, type Claim } from "./claim.js";
import { AppError } from "../app-error.js";
import { checkSurveyAnswers } from "../opportunities/survey-answers.js";

/** One attempt at one task of a claim, with the outcome of its verification. */
export const Submission = SubmissionOut.omit({ verification: true }).extend({
  orgId: OrgId,
  userId: UserId,
  answers: SurveyAnswers,
  checks: z.array(VerificationCheck),
  createdAt: z.date(),
  /** The request that made it, as `requestKeyOf` its Idempotency-Key; null when it sent none. */
  requestKey: z.string().nullable().default(null),
  version: Version,
});
export type Submission = z.infer<typeof Submission>;
export type VerificationCheck = z.infer<typeof VerificationCheck>;

/** A submission of `answers` for `task` of the claim, verified at once. */
export function recordSubmission(claim: Claim, task: Task, answers: Submission["answers"], policy: ReviewPolicy, id: string, now: Date, requestKey: string | null = null): Submission {
  return {
    id,
    ...claimReference(claim),
    taskId: task.id,
    answers,
    ...verifySurvey(task, answers, policy),
    createdAt: now,
    requestKey,
    version: firstVersion,
  };
}

/**
 * Verifies survey answers and decides the outcome from the review policy: `auto` approves what
 * passes, `manual` and `auto_then_manual` leave passing work for a reviewer. Failing work is rejected.
 */
export function verifySurvey(task: Task, answers: Submission["answers"], policy: ReviewPolicy): Pick<Submission, "status" | "checks"> {
  if (task.type !== "survey") {
    throw new AppError("validation_failed", `task ${task.id} is a ${task.type} task; it takes no survey answers`);
  }
  const problems = checkSurveyAnswers(task.questions, answers);
  const checks: VerificationCheck[] = [
    problems.length === 0
      ? { name: "answers_match_questions", passed: true }
      : { name: "answers_match_questions", passed: false, reason: problems.map((p) => `${p.questionId}: ${p.reason}`).join("; ") },
  ];
  if (problems.length > 0) return { status: "rejected", checks };
  return { status: policy === "auto" ? "approved" : "needs_review", checks };
}
