import type { Eligibility, Targeting, UnmetCondition } from "../../contracts/opportunities.js";
import type { Profile } from "../identity/profile.js";

/** The profile fields eligibility reads. */
export type EligibilityProfile = Pick<Profile, "country" | "birthDate" | "languages" | "demographics">;

/**
 * The conditions of `targeting` that `profile` does not meet on `now`, in the order targeting
 * lists them; empty when the participant may claim. A condition whose profile field is not filled
 * in is `profile_incomplete` rather than a mismatch: the participant can still do something about it.
 */
export function unmetConditions(targeting: Targeting, profile: EligibilityProfile, now: Date): UnmetCondition[] {
  const unmet: UnmetCondition[] = [];
  const { countries, ageRange, languages, demographics } = targeting;

  if (countries && countries.length > 0) {
    if (profile.country === null) unmet.push(incomplete("country", "your country"));
    else if (!countries.includes(profile.country)) {
      unmet.push({ code: "country_not_targeted", field: "country", message: `This opportunity is for participants in ${listOf(countries.map(countryName))}.` });
    }
  }

  if (ageRange) {
    if (profile.birthDate === null) unmet.push(incomplete("birthDate", "your birth date"));
    else {
      const age = ageOn(profile.birthDate, now);
      if (age < ageRange.min || age > ageRange.max) {
        unmet.push({ code: "age_out_of_range", field: "birthDate", message: `This opportunity is for participants aged ${ageRange.min} to ${ageRange.max}.` });
      }
    }
  }

  if (languages && languages.length > 0) {
    if (profile.languages.length === 0) unmet.push(incomplete("languages", "the languages you speak"));
    else if (!languages.some((language) => profile.languages.includes(language))) {
      unmet.push({ code: "language_not_targeted", field: "languages", message: `This opportunity is for participants who speak ${listOf(languages.map(languageName))}.` });
    }
  }

  for (const [questionId, allowed] of Object.entries(demographics ?? {})) {
    const field = `demographics.${questionId}`;
    const answer = profile.demographics[questionId];
    if (answer === undefined) unmet.push(incomplete(field, `your answer to "${questionId}"`));
    else if (!allowed.includes(answer)) {
      unmet.push({ code: "demographic_mismatch", field, message: `This opportunity is for participants who answered "${questionId}" with ${listOf(allowed.map((v) => `"${v}"`))}.` });
    }
  }
  return unmet;
}

export function eligibilityOf(targeting: Targeting, profile: EligibilityProfile, now: Date): Eligibility {
  const unmet = unmetConditions(targeting, profile, now);
  return { eligible: unmet.length === 0, unmet };
}

/** Whether the targeting sets any condition at all: without one, no profile needs reading. */
export function hasConditions(targeting: Targeting): boolean {
  return (
    (targeting.countries?.length ?? 0) > 0 ||
    targeting.ageRange !== undefined ||
    (targeting.languages?.length ?? 0) > 0 ||
    Object.keys(targeting.demographics ?? {}).length > 0
  );
}

/**
 * Age in whole years on the UTC day `now` falls on: a year older on the birthday itself. Someone
 * born on 29 February has their birthday on 1 March in a common year (the day after 28 February,
 * as the month-and-day comparison below gives).
 */
export function ageOn(birthDate: string, now: Date): number {
  const [year, month, day] = birthDate.split("-").map(Number) as [number, number, number];
  const todayMonth = now.getUTCMonth() + 1;
  const todayDay = now.getUTCDate();
  const hadBirthday = todayMonth > month || (todayMonth === month && todayDay >= day);
  return now.getUTCFullYear() - year - (hadBirthday ? 0 : 1);
}

const incomplete = (field: string, what: string): UnmetCondition => ({
  code: "profile_incomplete",
  field,
  message: `Add ${what} to your profile: this opportunity's targeting needs it.`,
});

const countryNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
const countryName = (code: string) => countryNames.of(code) ?? code;
const languageName = (code: string) => languageNames.of(code) ?? code;

const anyOf = new Intl.ListFormat("en", { type: "disjunction" });
/** "France, Belgium or Canada"; a long list is cut short, the message stays readable. */
function listOf(items: string[]): string {
  const shown = items.length > 8 ? [...items.slice(0, 8), `${items.length - 8} more`] : items;
  return anyOf.format(shown);
}
