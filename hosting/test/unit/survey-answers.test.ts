import type { Question, Submission } from "@user-x/sdk";
import { describe, expect, it } from "vitest";
import { checkDraft, emptyDraft, rejectionMessages, toAnswers } from "../../src/features/claims/survey-answers";

const questions: Question[] = [
  { id: "cups", type: "number", prompt: "Cups?", required: true, min: 0, max: 20, integer: true },
  { id: "note", type: "text", prompt: "Anything?", required: false, maxLength: 10 },
  { id: "roast", type: "single_choice", prompt: "Roast?", required: true, choices: [{ value: "light", label: "Light" }, { value: "dark", label: "Dark" }] },
  { id: "extras", type: "multiple_choice", prompt: "Extras?", required: false, maxSelected: 1, choices: [{ value: "milk", label: "Milk" }, { value: "sugar", label: "Sugar" }] },
  { id: "score", type: "rating", prompt: "Score?", required: true, scale: 5 },
];

describe("survey answers", () => {
  it("sends numbers as numbers and leaves unanswered optional questions out", () => {
    const draft = { ...emptyDraft(questions), cups: "3", roast: "dark", score: "4" };
    expect(toAnswers(questions, draft)).toEqual({ cups: 3, roast: "dark", score: 4 });
    expect(checkDraft(questions, draft)).toEqual({});
  });

  it("finds what the API would refuse, per question", () => {
    const draft = { ...emptyDraft(questions), cups: "2.5", note: "far too long a note", extras: ["milk", "sugar"], score: "" };
    expect(checkDraft(questions, draft)).toEqual({
      cups: "expected a whole number",
      note: "at most 10 characters",
      roast: "an answer is required",
      extras: "at most 1 choices",
      score: "an answer is required",
    });
  });

  it("reports a number that does not parse instead of sending text", () => {
    expect(checkDraft(questions, { ...emptyDraft(questions), cups: "many", roast: "dark", score: "1" })).toEqual({ cups: "expected a number" });
  });

  it("reads a rejected submission's reasons per question", () => {
    const submission = {
      status: "rejected",
      verification: { checks: [{ name: "answers_match_questions", passed: false, reason: "cups: at most 20; roast: not one of the choices" }] },
    } as unknown as Submission;
    expect(rejectionMessages(submission)).toEqual({ cups: "at most 20", roast: "not one of the choices" });
  });
});
