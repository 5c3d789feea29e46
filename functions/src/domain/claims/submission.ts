import { z } from "zod";
import { DecidedBy, RejectionReason, SocialProof, SubmissionOut, SurveyAnswers, VerificationCheck, type SubmissionStatus } from "../../contracts/claims.js";
import { OrgId, UserId } from "../../contracts/common.js";
import type { ReviewPolicy, Task } from "../../contracts/opportunities.js";
import { firstVersion, Version } from "../aggregate.js";
import { claimReference, type Claim } from "./claim.js";
import { AppError } from "../app-error.js";
import { checkSurveyAnswers } from "../opportunities/survey-answers.js";
import { socialChecks } from "./social-proof.js";
import { uploadChecks, type NearDuplicate, type UploadedMedia } from "../media/upload-checks.js";
import type { CaptureWindow } from "../media/capture-time.js";
import { textModerationCheck } from "../moderation/text-moderation.js";

/** The decision on a submission: approved or rejected, why, by what or whom, and when. */
export const Review = z.object({
  decision: z.enum(["approved", "rejected"]),
  reasonCode: RejectionReason.nullable(),
  note: z.string().nullable(),
  decidedBy: DecidedBy,
  reviewerId: UserId.nullable(),
  decidedAt: z.date(),
});
export type Review = z.infer<typeof Review>;

/** One attempt at one task of a claim, with the outcome of its verification and its review. */
export const Submission = SubmissionOut.omit({ verification: true, review: true }).extend({
  orgId: OrgId,
  userId: UserId,
  /** A survey task's answers; empty for other tasks. */
  answers: SurveyAnswers,
  /** A social task's proof; null for other tasks (and for submissions stored before social tasks). */
  proof: SocialProof.nullable().default(null),
  checks: z.array(VerificationCheck),
  // Submissions stored before attempts and reviews existed were each decided by their checks.
  attempt: z.number().int().min(1).default(1),
  review: Review.nullable().default(null),
  /** When it approves itself if still awaiting review; null when the opportunity sets no review window. */
  autoApprovesAt: z.date().nullable().default(null),
  createdAt: z.date(),
  /** The request that made it, as `requestKeyOf` its Idempotency-Key; null when it sent none. */
  requestKey: z.string().nullable().default(null),
  version: Version,
});
export type Submission = z.infer<typeof Submission>;
export type VerificationCheck = z.infer<typeof VerificationCheck>;

/** What the opportunity says about deciding its submissions. */
export interface ReviewRules {
  reviewPolicy: ReviewPolicy;
  maxAttempts: number;
  autoApproveAfterDays: number | null;
}

/** A reviewer's (or auto-approval's) decision, before it is dated. */
export type Decision =
  | { decision: "approved"; note: string | null; decidedBy: "reviewer" | "auto_approval"; reviewerId: string | null }
  | { decision: "rejected"; reasonCode: RejectionReason; note: string | null; decidedBy: "reviewer"; reviewerId: string };

const dayMs = 24 * 60 * 60 * 1_000;

/** The work a participant sends for one task: what `SubmissionIn` carries besides the task's id. */
export type Work = { answers: Submission["answers"] } | { proof: SocialProof } | { media: readonly UploadedMedia[]; duplicates?: readonly NearDuplicate[]; captureWindow?: CaptureWindow };

/**
 * A submission of `work` for `task` of the claim as its `attempt`-th try, verified at once and
 * decided as far as the review policy lets checks decide.
 */
export function recordSubmission(claim: Claim, task: Task, work: Work, rules: ReviewRules, attempt: number, id: string, now: Date, requestKey: string | null = null): Submission {
  const checks = checksOf(task, work);
  const status = statusAfterChecks(checks, rules.reviewPolicy);
  const awaiting = status === "needs_review";
  return {
    id,
    ...claimReference(claim),
    taskId: task.id,
    attempt,
    answers: "answers" in work ? work.answers : {},
    proof: "proof" in work ? work.proof : null,
    media: "media" in work ? work.media.map((file) => file.id) : [],
    status,
    checks,
    review: awaiting ? null : decisionOfChecks(status, now),
    autoApprovesAt: awaiting && rules.autoApproveAfterDays !== null ? new Date(now.getTime() + rules.autoApproveAfterDays * dayMs) : null,
    createdAt: now,
    requestKey,
    version: firstVersion,
  };
}

/**
 * What the checks decide under each policy. `auto`: they decide everything. `auto_then_manual`:
 * they reject failing work, and a reviewer decides the rest. `manual`: a reviewer decides
 * everything, the checks shown as advice.
 */
export function statusAfterChecks(checks: readonly VerificationCheck[], policy: ReviewPolicy): SubmissionStatus {
  if (policy === "manual") return "needs_review";
  if (checks.some((check) => check.conclusive && !check.passed)) return "rejected";
  // What no check could confirm waits for a reviewer under every policy.
  if (checks.some((check) => !check.conclusive)) return "needs_review";
  return policy === "auto" ? "approved" : "needs_review";
}

/** The checks of `work` for `task`: what each type of task takes, and nothing else. */
function checksOf(task: Task, work: Work): VerificationCheck[] {
  if (task.type === "survey" && "answers" in work) return surveyChecks(task, work.answers);
  if (task.type === "social" && "proof" in work) return socialChecks(task, work.proof);
  if (task.type === "upload" && "media" in work) return uploadChecks(task, work.media, work.duplicates, work.captureWindow ?? null);
  const expected = task.type === "survey" ? "answers" : task.type === "social" ? "proof" : "media";
  throw new AppError("validation_failed", `task ${task.id} is a ${task.type} task; it takes ${expected}`, { errors: [{ location: `body.${expected}`, message: `required by ${task.type === "upload" ? "an" : "a"} ${task.type} task` }] });
}

function decisionOfChecks(status: "approved" | "rejected", now: Date): Review {
  return { decision: status, reasonCode: status === "rejected" ? "failed_checks" : null, note: null, decidedBy: "checks", reviewerId: null, decidedAt: now };
}

/** Checks survey answers against the task's questions, and screens their free text (text-moderation.ts). */
export function surveyChecks(task: Extract<Task, { type: "survey" }>, answers: Submission["answers"]): VerificationCheck[] {
  const problems = checkSurveyAnswers(task.questions, answers);
  const moderation = textModerationCheck(task.questions, answers);
  return [
    problems.length === 0
      ? { name: "answers_match_questions", passed: true, conclusive: true }
      : { name: "answers_match_questions", passed: false, conclusive: true, reason: problems.map((p) => `${p.questionId}: ${p.reason}`).join("; ") },
    ...(moderation ? [moderation] : []),
  ];
}

/**
 * The attempt number the next submission of a task takes, given the task's earlier submissions
 * in the claim: refused while one awaits review or was approved, and once `maxAttempts` were made.
 */
export function nextAttempt(earlier: readonly Pick<Submission, "taskId" | "status" | "attempt">[], taskId: string, maxAttempts: number): number {
  const ofTask = earlier.filter((submission) => submission.taskId === taskId);
  if (ofTask.some((submission) => submission.status === "approved")) throw new AppError("invalid_state", `task ${taskId} is already approved`);
  if (ofTask.some((submission) => submission.status === "needs_review")) {
    throw new AppError("invalid_state", `task ${taskId} has a submission awaiting review; wait for its decision`);
  }
  const made = Math.max(0, ...ofTask.map((submission) => submission.attempt));
  if (made >= maxAttempts) throw new AppError("invalid_state", `task ${taskId} has no attempts left (${maxAttempts} allowed)`, { attemptsLeft: 0 });
  return made + 1;
}

/** Attempts the participant still has at the submission's task after it. */
export const attemptsLeftAfter = (submission: Pick<Submission, "attempt">, maxAttempts: number): number => Math.max(0, maxAttempts - submission.attempt);

/** Whether its rejection ends the claim: it was rejected, it was the task's last attempt, and the task is required. */
export const rejectsClaim = (submission: Pick<Submission, "status" | "attempt">, maxAttempts: number, taskRequired: boolean): boolean =>
  taskRequired && submission.status === "rejected" && attemptsLeftAfter(submission, maxAttempts) === 0;

/**
 * The submission once decided. Only one awaiting review takes a decision; one decided already
 * answers `invalid_state` naming its status (a repeat of the same decision is recognised by the
 * caller with `hasDecision` first).
 */
export function decided(submission: Submission, decision: Decision, now: Date): Submission {
  if (submission.status !== "needs_review") {
    throw new AppError("invalid_state", `this submission is ${submission.status} already`, { currentStatus: submission.status });
  }
  const review: Review = { reasonCode: null, ...decision, decidedAt: now };
  return { ...submission, status: decision.decision, review, autoApprovesAt: null };
}

/** Whether the submission already carries this decision: a repeat of the request, answered as it is. */
export const hasDecision = (submission: Pick<Submission, "status">, decision: Decision["decision"]): boolean => submission.status === decision;
