import type { Question } from "../../contracts/opportunities.js";
import type { SurveyAnswers } from "../../contracts/claims.js";
import type { z } from "zod";

export interface AnswerProblem {
  questionId: string;
  reason: string;
}

/** Checks survey answers against the task's questions: every problem found, none if valid. */
export function checkSurveyAnswers(questions: readonly Question[], answers: z.infer<typeof SurveyAnswers>): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const questionId of Object.keys(answers)) {
    if (!known.has(questionId)) problems.push({ questionId, reason: "no such question" });
  }
  for (const question of questions) {
    // Own properties only: a question id such as "constructor" must not find Object.prototype's.
    const answer = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (answer === undefined) {
      if (question.required) problems.push({ questionId: question.id, reason: "an answer is required" });
      continue;
    }
    const reason = checkAnswer(question, answer);
    if (reason) problems.push({ questionId: question.id, reason });
  }
  return problems;
}

function checkAnswer(question: Question, answer: string | number | string[]): string | undefined {
  switch (question.type) {
    case "text":
      if (typeof answer !== "string") return "expected text";
      if (question.required && answer.trim() === "") return "an answer is required";
      if (answer.length > question.maxLength) return `at most ${question.maxLength} characters`;
      return undefined;
    case "number":
      if (typeof answer !== "number" || !Number.isFinite(answer)) return "expected a number";
      if (question.integer && !Number.isInteger(answer)) return "expected a whole number";
      if (question.min !== undefined && answer < question.min) return `at least ${question.min}`;
      if (question.max !== undefined && answer > question.max) return `at most ${question.max}`;
      return undefined;
    case "rating":
      if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 1 || answer > question.scale) {
        return `expected a whole number from 1 to ${question.scale}`;
      }
      return undefined;
    case "single_choice":
      if (typeof answer !== "string") return "expected one choice";
      return question.choices.some((c) => c.value === answer) ? undefined : "not one of the choices";
    case "multiple_choice": {
      if (!Array.isArray(answer)) return "expected a list of choices";
      if (new Set(answer).size !== answer.length) return "a choice is repeated";
      if (question.required && answer.length === 0) return "an answer is required";
      if (question.maxSelected !== undefined && answer.length > question.maxSelected) return `at most ${question.maxSelected} choices`;
      const values = new Set(question.choices.map((c) => c.value));
      return answer.every((value) => values.has(value)) ? undefined : "not one of the choices";
    }
  }
}
