import type { Question, Submission, SubmissionIn } from "@user-x/sdk";
import { UserXError } from "@user-x/sdk";
import { checkSurveyAnswers } from "./survey-rules";

/** What the form holds: text as typed, chosen values. */
export type Draft = Record<string, string | string[]>;
export type FieldMessages = Record<string, string>;
type Answers = NonNullable<SubmissionIn["answers"]>;

export function emptyDraft(questions: readonly Question[]): Draft {
  return Object.fromEntries(questions.map((q) => [q.id, q.type === "multiple_choice" ? [] : ""]));
}

/** The answers to send: numbers as numbers, unanswered optional questions left out. */
export function toAnswers(questions: readonly Question[], draft: Draft): Answers {
  const answers: Answers = {};
  for (const question of questions) {
    const value = draft[question.id];
    if (Array.isArray(value)) {
      if (value.length > 0 || question.required) answers[question.id] = value;
      continue;
    }
    const text = value ?? "";
    if (text.trim() === "") continue;
    // A number that does not parse is sent as NaN for the check to report, never as text.
    answers[question.id] = question.type === "number" || question.type === "rating" ? Number(text) : text;
  }
  return answers;
}

/** The problems the API would find, per question id. */
export function checkDraft(questions: readonly Question[], draft: Draft): FieldMessages {
  return Object.fromEntries(checkSurveyAnswers(questions, toAnswers(questions, draft)).map((p) => [p.questionId, p.reason]));
}

/** Per-question reasons of a rejected submission (`cups: at most 20; roast: …`). */
export function rejectionMessages(submission: Submission): FieldMessages {
  const messages: FieldMessages = {};
  for (const check of submission.verification.checks) {
    if (check.passed || !check.reason) continue;
    for (const part of check.reason.split("; ")) {
      const colon = part.indexOf(": ");
      if (colon > 0) messages[part.slice(0, colon)] = part.slice(colon + 2);
    }
  }
  return messages;
}

/** Per-question messages of a validation_failed answer (`body.answers.cups`). */
export function serverFieldMessages(error: unknown): FieldMessages {
  if (!(error instanceof UserXError)) return {};
  const prefix = "body.answers.";
  return Object.fromEntries(error.errors.filter((e) => e.location.startsWith(prefix)).map((e) => [e.location.slice(prefix.length).split(".")[0] ?? "", e.message]));
}
