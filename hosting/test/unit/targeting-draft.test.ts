import { describe, expect, it } from "vitest";
import { newDemographic, targetingDraftOf, toTargeting } from "../../src/features/console-opportunities/opportunity-draft";

describe("targeting draft", () => {
  it("sends only the conditions set: no countries, ages, languages or questions, no targeting", () => {
    expect(toTargeting(targetingDraftOf({}))).toEqual({});
    expect(toTargeting({ ...targetingDraftOf({}), demographics: [{ ...newDemographic(), questionId: "  ", values: "x" }] })).toEqual({});
  });

  it("becomes the API's targeting: answers split on commas and trimmed, an age range from both ends", () => {
    const draft = { countries: ["BE", "FR"], minAge: "18", maxAge: "65", languages: ["fr"], demographics: [{ ...newDemographic(), questionId: " employment ", values: "student, employed,, " }] };
    expect(toTargeting(draft)).toEqual({ countries: ["BE", "FR"], ageRange: { min: 18, max: 65 }, languages: ["fr"], demographics: { employment: ["student", "employed"] } });
  });

  it("takes one end of the age range alone, the other the widest the API allows", () => {
    expect(toTargeting({ ...targetingDraftOf({}), minAge: "21" }).ageRange).toEqual({ min: 21, max: 120 });
    expect(toTargeting({ ...targetingDraftOf({}), maxAge: "30" }).ageRange).toEqual({ min: 13, max: 30 });
  });

  it("reads back what the API holds", () => {
    const targeting = { countries: ["JP"], ageRange: { min: 20, max: 40 }, languages: ["ja", "en"], demographics: { pets: ["cat", "dog"] } };
    expect(toTargeting(targetingDraftOf(targeting))).toEqual(targeting);
  });
});
