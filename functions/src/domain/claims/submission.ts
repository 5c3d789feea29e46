import type { SubmissionIn } from "../../contracts/claims.js";
import type { ReviewPolicy, Task } from "../../contracts/opportunities.js";
import { AppError } from "../app-error.js";
import { checkSurveyAnswers } from "../opportunities/survey-answers.js";

export type SubmissionStatus = "pending" | "verifying" | "approved" | "rejected" | "needs_review";

export interface VerificationCheck {
  name: string;
  passed: boolean;
  reason?: string;
}

export interface Submission {
  id: string;
  claimId: string;
  opportunityId: string;
  orgId: string;
  userId: string;
  taskId: string;
  answers: SubmissionIn["answers"];
  status: SubmissionStatus;
  checks: VerificationCheck[];
  createdAt: Date;
}

/**
 * Verifies survey answers and decides the outcome from the review policy: `auto` approves what
 * passes, `manual` and `auto_then_manual` leave passing work for a reviewer. Failing work is rejected.
 */
export function verifySurvey(task: Task, answers: SubmissionIn["answers"], policy: ReviewPolicy): Pick<Submission, "status" | "checks"> {
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
