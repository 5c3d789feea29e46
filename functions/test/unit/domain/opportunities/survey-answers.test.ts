import { describe, expect, it } from "vitest";
import { checkSurveyAnswers } from "../../../../src/domain/opportunities/survey-answers.js";
import { question } from "../../support/fixtures.js";

const text = question({ id: "story", type: "text", prompt: "Tell us", maxLength: 10 });
const optionalText = question({ id: "note", type: "text", prompt: "Anything else?", required: false });
const number = question({ id: "age", type: "number", prompt: "Age?", min: 18, max: 99, integer: true });
const rating = question({ id: "score", type: "rating", prompt: "Score?", scale: 5 });
const colours = [{ value: "red", label: "Red" }, { value: "blue", label: "Blue" }, { value: "green", label: "Green" }];
const single = question({ id: "colour", type: "single_choice", prompt: "Favourite?", choices: colours });
const multiple = question({ id: "likes", type: "multiple_choice", prompt: "Which?", choices: colours, maxSelected: 2 });
const optionalMultiple = question({ id: "dislikes", type: "multiple_choice", prompt: "Which not?", choices: colours, required: false });

const reasonFor = (questions: Parameters<typeof checkSurveyAnswers>[0], answers: Parameters<typeof checkSurveyAnswers>[1]) =>
  checkSurveyAnswers(questions, answers).map((p) => p.reason);

describe("checkSurveyAnswers", () => {
  it("accepts a valid answer to every question type", () => {
    const answers = { story: "tasty", age: 30, score: 5, colour: "red", likes: ["red", "blue"] };
    expect(checkSurveyAnswers([text, number, rating, single, multiple], answers)).toEqual([]);
  });

  it("reports every problem at once, each with its question id", () => {
    expect(checkSurveyAnswers([text, number, rating], { story: 3, age: 12 })).toEqual([
      { questionId: "story", reason: "expected text" },
      { questionId: "age", reason: "at least 18" },
      { questionId: "score", reason: "an answer is required" },
    ]);
  });

  it("reads only answers given, even for a question id that names an Object property", () => {
    const constructor = question({ id: "constructor", type: "text", prompt: "Built how?", required: false });
    expect(checkSurveyAnswers([constructor], {})).toEqual([]);
  });

  it("refuses answers to questions the task does not ask", () => {
    expect(checkSurveyAnswers([rating], { score: 3, shoeSize: 42 })).toEqual([{ questionId: "shoeSize", reason: "no such question" }]);
  });

  describe("required and optional questions", () => {
    it("requires an answer to a required question", () => {
      expect(reasonFor([rating], {})).toEqual(["an answer is required"]);
    });

    it("lets an optional question go unanswered", () => {
      expect(checkSurveyAnswers([optionalText, optionalMultiple], {})).toEqual([]);
    });

    it("counts blank text as no answer to a required question, but accepts it for an optional one", () => {
      expect(reasonFor([text], { story: "   " })).toEqual(["an answer is required"]);
      expect(checkSurveyAnswers([optionalText], { note: "" })).toEqual([]);
    });

    it("counts an empty selection as no answer to a required question, but accepts it for an optional one", () => {
      expect(reasonFor([multiple], { likes: [] })).toEqual(["an answer is required"]);
      expect(checkSurveyAnswers([optionalMultiple], { dislikes: [] })).toEqual([]);
    });
  });

  describe("text", () => {
    it("enforces the maximum length", () => {
      expect(checkSurveyAnswers([text], { story: "x".repeat(10) })).toEqual([]);
      expect(reasonFor([text], { story: "x".repeat(11) })).toEqual(["at most 10 characters"]);
    });

    it("refuses numbers and lists", () => {
      expect(reasonFor([text], { story: 7 })).toEqual(["expected text"]);
      expect(reasonFor([text], { story: ["a"] })).toEqual(["expected text"]);
    });
  });

  describe("number", () => {
    it("accepts the bounds themselves", () => {
      expect(checkSurveyAnswers([number], { age: 18 })).toEqual([]);
      expect(checkSurveyAnswers([number], { age: 99 })).toEqual([]);
    });

    it("refuses values outside the bounds", () => {
      expect(reasonFor([number], { age: 17 })).toEqual(["at least 18"]);
      expect(reasonFor([number], { age: 100 })).toEqual(["at most 99"]);
    });

    it("refuses fractions when whole numbers are asked for, and accepts them otherwise", () => {
      expect(reasonFor([number], { age: 30.5 })).toEqual(["expected a whole number"]);
      const weight = question({ id: "kg", type: "number", prompt: "Weight?" });
      expect(checkSurveyAnswers([weight], { kg: 72.5 })).toEqual([]);
    });

    it("refuses text and non-finite numbers", () => {
      expect(reasonFor([number], { age: "30" })).toEqual(["expected a number"]);
      expect(reasonFor([number], { age: Number.NaN })).toEqual(["expected a number"]);
      expect(reasonFor([number], { age: Number.POSITIVE_INFINITY })).toEqual(["expected a number"]);
    });
  });

  describe("rating", () => {
    it.each([1, 3, 5])("accepts %s on a scale of 5", (score) => {
      expect(checkSurveyAnswers([rating], { score })).toEqual([]);
    });

    it.each([0, 6, 2.5, "4"])("refuses %s on a scale of 5", (score) => {
      expect(reasonFor([rating], { score })).toEqual(["expected a whole number from 1 to 5"]);
    });
  });

  describe("single choice", () => {
    it("refuses a value that is not one of the choices", () => {
      expect(reasonFor([single], { colour: "purple" })).toEqual(["not one of the choices"]);
    });

    it("refuses several choices", () => {
      expect(reasonFor([single], { colour: ["red"] })).toEqual(["expected one choice"]);
    });
  });

  describe("multiple choice", () => {
    it("refuses a value that is not one of the choices", () => {
      expect(reasonFor([multiple], { likes: ["red", "purple"] })).toEqual(["not one of the choices"]);
    });

    it("refuses a choice given twice", () => {
      expect(reasonFor([multiple], { likes: ["red", "red"] })).toEqual(["a choice is repeated"]);
    });

    it("refuses more choices than allowed", () => {
      expect(reasonFor([multiple], { likes: ["red", "blue", "green"] })).toEqual(["at most 2 choices"]);
    });

    it("refuses a single value that is not a list", () => {
      expect(reasonFor([multiple], { likes: "red" })).toEqual(["expected a list of choices"]);
    });
  });
});
