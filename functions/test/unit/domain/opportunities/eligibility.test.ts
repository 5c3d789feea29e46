import { describe, expect, it } from "vitest";
import type { Targeting } from "../../../../src/contracts/opportunities.js";
import { emptyProfile } from "../../../../src/domain/identity/profile.js";
import { ageOn, eligibilityOf, hasConditions, unmetConditions, type EligibilityProfile } from "../../../../src/domain/opportunities/eligibility.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const ada: EligibilityProfile = { country: "FR", birthDate: "1990-05-17", languages: ["fr", "en"], demographics: { employment: "student" } };
const codes = (targeting: Targeting, profile: EligibilityProfile = ada, at: Date = now) => unmetConditions(targeting, profile, at).map((u) => `${u.code} ${u.field}`);

describe("ageOn", () => {
  it.each([
    ["the day before the 18th birthday", "2008-03-03", "2026-03-02", 17],
    ["on the 18th birthday", "2008-03-02", "2026-03-02", 18],
    ["the day after", "2008-03-01", "2026-03-02", 18],
    ["born 29 Feb, on 28 Feb of a common year", "2008-02-29", "2026-02-28", 17],
    ["born 29 Feb, on 1 Mar of a common year", "2008-02-29", "2026-03-01", 18],
    ["born 29 Feb, on 29 Feb of a leap year", "2008-02-29", "2028-02-29", 20],
    ["born 29 Feb, on 28 Feb of a leap year", "2008-02-29", "2028-02-28", 19],
    ["on the day of birth", "2026-03-02", "2026-03-02", 0],
  ])("%s", (_, birthDate, today, age) => {
    expect(ageOn(birthDate, new Date(`${today}T23:59:59.999Z`))).toBe(age);
    expect(ageOn(birthDate, new Date(`${today}T00:00:00.000Z`))).toBe(age);
  });
});

describe("unmetConditions", () => {
  it("meets no targeting at all, and an empty list sets no condition", () => {
    expect(codes({})).toEqual([]);
    expect(codes({ countries: [], languages: [], demographics: {} })).toEqual([]);
    expect(hasConditions({ countries: [], languages: [] })).toBe(false);
    expect(hasConditions({ ageRange: { min: 18, max: 99 } })).toBe(true);
  });

  it("meets every condition it fits: one country of several, one language in common, an allowed answer", () => {
    expect(codes({ countries: ["BE", "FR"], ageRange: { min: 30, max: 40 }, languages: ["en", "de"], demographics: { employment: ["student", "employed"] } })).toEqual([]);
  });

  it("lists each unmet condition with its code, field and a plain message", () => {
    const unmet = unmetConditions({ countries: ["DE", "AT"], ageRange: { min: 18, max: 25 }, languages: ["de"], demographics: { employment: ["retired"] } }, ada, now);
    expect(unmet).toEqual([
      { code: "country_not_targeted", field: "country", message: "This opportunity is for participants in Germany or Austria." },
      { code: "age_out_of_range", field: "birthDate", message: "This opportunity is for participants aged 18 to 25." },
      { code: "language_not_targeted", field: "languages", message: "This opportunity is for participants who speak German." },
      { code: "demographic_mismatch", field: "demographics.employment", message: 'This opportunity is for participants who answered "employment" with "retired".' },
    ]);
  });

  it("says profile_incomplete for each field the targeting needs that the profile lacks, and only those", () => {
    const targeting: Targeting = { countries: ["FR"], ageRange: { min: 18, max: 99 }, languages: ["fr"], demographics: { employment: ["student"], pets: ["cat"] } };
    expect(codes(targeting, emptyProfile)).toEqual([
      "profile_incomplete country",
      "profile_incomplete birthDate",
      "profile_incomplete languages",
      "profile_incomplete demographics.employment",
      "profile_incomplete demographics.pets",
    ]);
    expect(codes(targeting)).toEqual(["profile_incomplete demographics.pets"]);
  });

  it("checks the age range inclusively at both ends, turning on the birthday", () => {
    const range: Targeting = { ageRange: { min: 18, max: 65 } };
    expect(codes(range, { ...ada, birthDate: "2008-03-03" })).toEqual(["age_out_of_range birthDate"]);
    expect(codes(range, { ...ada, birthDate: "2008-03-02" })).toEqual([]);
    expect(codes(range, { ...ada, birthDate: "1960-03-03" })).toEqual([]);
    expect(codes(range, { ...ada, birthDate: "1960-03-02" })).toEqual(["age_out_of_range birthDate"]);
  });

  it("lets someone born on 29 February in at 18 on 1 March of a common year, not on 28 February", () => {
    const adult: Targeting = { ageRange: { min: 18, max: 120 } };
    const leapling = { ...ada, birthDate: "2008-02-29" };
    expect(codes(adult, leapling, new Date("2026-02-28T12:00:00Z"))).toEqual(["age_out_of_range birthDate"]);
    expect(codes(adult, leapling, new Date("2026-03-01T00:00:00Z"))).toEqual([]);
  });

  it("gives the verdict with the conditions", () => {
    expect(eligibilityOf({ countries: ["FR"] }, ada, now)).toEqual({ eligible: true, unmet: [] });
    expect(eligibilityOf({ countries: ["BE"] }, ada, now)).toMatchObject({ eligible: false, unmet: [{ code: "country_not_targeted" }] });
  });
});
