import { z } from "zod";
import { CalendarDate, CountryCode, DemographicQuestionId, DemographicValue, LanguageCode, StoredLocale, type ProfilePatch } from "../../contracts/me.js";
import { AppError } from "../app-error.js";

/** What a participant says about themselves, for targeting. Personal data: shown only to them. */
export const Profile = z.object({
  displayName: z.string().nullable(),
  country: CountryCode.nullable(),
  /** YYYY-MM-DD. */
  birthDate: CalendarDate.nullable(),
  languages: z.array(LanguageCode),
  demographics: z.record(DemographicQuestionId, DemographicValue),
  /** The language of their email; profiles stored before it existed have none (the default). */
  locale: StoredLocale.nullable().default(null),
  /** Null until the participant first changes it. */
  updatedAt: z.date().nullable(),
});
export type Profile = z.infer<typeof Profile>;

export const emptyProfile: Profile = { displayName: null, country: null, birthDate: null, languages: [], demographics: {}, locale: null, updatedAt: null };

export const maxAgeYears = 120;
const maxDemographicAnswers = 50;

/** The profile after `patch`: fields sent replace theirs, null clears; demographics merge answer by answer. */
export function patchedProfile(profile: Profile, patch: ProfilePatch, now: Date): Profile {
  if (patch.birthDate !== undefined && patch.birthDate !== null) assertPlausibleBirthDate(patch.birthDate, now);
  const next: Profile = { ...profile, updatedAt: now };
  if (patch.displayName !== undefined) next.displayName = patch.displayName;
  if (patch.country !== undefined) next.country = patch.country;
  if (patch.birthDate !== undefined) next.birthDate = patch.birthDate;
  if (patch.languages !== undefined) next.languages = patch.languages ?? [];
  if (patch.locale !== undefined) next.locale = patch.locale;
  if (patch.demographics !== undefined) next.demographics = mergedAnswers(profile.demographics, patch.demographics);
  return next;
}

function mergedAnswers(current: Profile["demographics"], change: Record<string, string | null> | null): Profile["demographics"] {
  if (change === null) return {};
  const merged = { ...current };
  for (const [questionId, value] of Object.entries(change)) {
    if (value === null) delete merged[questionId];
    else merged[questionId] = value;
  }
  if (Object.keys(merged).length > maxDemographicAnswers) {
    throw new AppError("validation_failed", `a profile holds at most ${maxDemographicAnswers} demographic answers`, {
      errors: [{ location: "body.demographics", message: `at most ${maxDemographicAnswers} answers in all` }],
    });
  }
  return merged;
}

/** A birth date from the last 120 years, not after today (in UTC, the day `now` falls on). */
function assertPlausibleBirthDate(birthDate: string, now: Date): void {
  const today = now.toISOString().slice(0, 10);
  const earliest = `${String(now.getUTCFullYear() - maxAgeYears).padStart(4, "0")}${today.slice(4)}`;
  const problem = birthDate > today ? "is in the future" : birthDate < earliest ? `is more than ${maxAgeYears} years ago` : undefined;
  if (problem === undefined) return;
  throw new AppError("validation_failed", `the birth date ${problem}`, { errors: [{ location: "body.birthDate", message: `the birth date ${problem}` }] });
}
