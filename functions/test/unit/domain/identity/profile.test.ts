import { describe, expect, it } from "vitest";
import { ProfilePatch } from "../../../../src/contracts/me.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { emptyProfile, patchedProfile, type Profile } from "../../../../src/domain/identity/profile.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const filled: Profile = { displayName: "Ada", country: "FR", birthDate: "1990-05-17", languages: ["fr", "en"], demographics: { employment: "student", pets: "cat" }, locale: null, updatedAt: null };

const codeOf = (act: () => unknown) => {
  try {
    act();
    return "no error";
  } catch (error) {
    return error instanceof AppError ? error.code : error;
  }
};

describe("patchedProfile", () => {
  it("changes only the fields sent and stamps the change", () => {
    expect(patchedProfile(filled, { country: "BE" }, now)).toEqual({ ...filled, country: "BE", updatedAt: now });
  });

  it("clears a field sent as null; null languages become none", () => {
    expect(patchedProfile(filled, { displayName: null, birthDate: null, languages: null }, now)).toEqual({ ...filled, displayName: null, birthDate: null, languages: [], updatedAt: now });
  });

  it("merges demographic answers one by one: sent replaces, null removes, the rest stay", () => {
    expect(patchedProfile(filled, { demographics: { employment: "employed", pets: null, diet: "vegan" } }, now).demographics).toEqual({ employment: "employed", diet: "vegan" });
    expect(patchedProfile(filled, { demographics: null }, now).demographics).toEqual({});
  });

  it.each([
    ["today", "2026-03-02", "no error"],
    ["tomorrow", "2026-03-03", "validation_failed"],
    ["exactly 120 years ago", "1906-03-02", "no error"],
    ["a day more than 120 years ago", "1906-03-01", "validation_failed"],
  ])("a birth date %s: %s", (_, birthDate, outcome) => {
    expect(codeOf(() => patchedProfile(emptyProfile, { birthDate }, now))).toBe(outcome);
  });

  it("refuses more than 50 demographic answers in all, even when each patch is small", () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`q${i}`, "x"]));
    const full = patchedProfile(emptyProfile, { demographics: fifty }, now);
    expect(codeOf(() => patchedProfile(full, { demographics: { one_more: "x" } }, now))).toBe("validation_failed");
    expect(Object.keys(patchedProfile(full, { demographics: { q0: "y" } }, now).demographics)).toHaveLength(50);
  });
});

describe("ProfilePatch", () => {
  it.each([
    [{ birthDate: "1990-02-29" }, "not a calendar date"],
    [{ birthDate: "1990-05-17T00:00:00Z" }, "a timestamp, not a date"],
    [{ country: "fr" }, "country in lower case"],
    [{ country: "FRA" }, "alpha-3"],
    [{ languages: ["en-GB"] }, "a full tag, not a primary subtag"],
    [{ languages: ["en", "en"] }, "a language twice"],
    [{ demographics: { "Not An Id": "x" } }, "a question id out of pattern"],
    [{ displayName: "   " }, "a blank name"],
    [{ email: "a@b.c" }, "a field that is not in the profile"],
    [{}, "nothing to change"],
  ] as Array<[unknown, string]>)("refuses %j (%s)", (patch) => {
    expect(ProfilePatch.safeParse(patch).success).toBe(false);
  });

  it("takes Feb 29 of a leap year and null for any field", () => {
    expect(ProfilePatch.safeParse({ birthDate: "2004-02-29" }).success).toBe(true);
    expect(ProfilePatch.safeParse({ displayName: null, country: null, birthDate: null, languages: null, demographics: null }).success).toBe(true);
  });
});
