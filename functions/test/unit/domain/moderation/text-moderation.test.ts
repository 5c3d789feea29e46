import { describe, expect, it } from "vitest";
import type { Question } from "../../../../src/contracts/opportunities.js";
import { profanitiesIn, textModerationCheck } from "../../../../src/domain/moderation/text-moderation.js";

const questions: Question[] = [
  { id: "comment", type: "text", prompt: "Anything to add?", required: false, maxLength: 2_000 },
  { id: "age", type: "number", prompt: "Age", required: true, integer: true },
];

describe("text moderation", () => {
  it("finds profanity through disguises, and leaves ordinary words alone", () => {
    expect(profanitiesIn("this is fuuuuck1ng awful")).toEqual(["fuck"]);
    expect(profanitiesIn("Scunthorpe has a fine assessment of the classic bass")).toEqual([]);
  });

  it("passes clean free text, and sends flagged text to review naming the question and the words, never the answer", () => {
    expect(textModerationCheck(questions, { comment: "Lovely shop, friendly staff", age: 30 })).toEqual({ name: "text_moderation", passed: true, conclusive: true, score: 0 });
    const flagged = textModerationCheck(questions, { comment: "the staff were sh1tty and the manager a b1tch", age: 30 });
    expect(flagged).toMatchObject({ name: "text_moderation", passed: false, conclusive: false, score: 1 });
    expect(flagged!.reason).toMatch(/^profanity in comment: /);
    expect(flagged!.reason).not.toContain("manager");
  });

  it("makes no check of a survey without free-text answers", () => {
    expect(textModerationCheck(questions, { age: 30 })).toBeNull();
  });
});
