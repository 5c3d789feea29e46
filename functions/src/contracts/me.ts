import { z } from "zod";
import { Timestamp, UserId } from "./common.js";
import { defineRoute } from "./route.js";

// The participant's profile: what targeting is checked against. Personal data (README, "Personal
// data"): shown only to the participant it describes.

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2 country code, upper case");
/** A BCP 47 primary language subtag: "en", "fr", "yue". */
export const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, "BCP 47 primary language subtag, lower case");
/** The id of a demographic question, as an opportunity's survey names its questions. */
export const DemographicQuestionId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "lowercase letters, digits and _");
export const DemographicValue = z.string().min(1).max(64);
/** A calendar date, not an instant: a birth date has no time zone. */
export const CalendarDate = z.iso.date();

/** The languages emails are written in; the first is the fallback for a participant who chose none. */
export const supportedLocales = ["en", "de"] as const;
export type SupportedLocale = (typeof supportedLocales)[number];
export const defaultLocale: SupportedLocale = "en";
export const StoredLocale = z.enum(supportedLocales);

/**
 * The language a participant reads email in: a BCP 47 language tag among the supported ones. The
 * tag is canonicalized first (Intl's BCP 47 parser: "DE" is "de", a malformed tag is refused), then
 * matched by its language, so "de-AT" reads German.
 */
export const Locale = z
  .string()
  .max(35)
  .transform((tag, context) => {
    let canonical = "";
    try {
      canonical = Intl.getCanonicalLocales(tag)[0] ?? "";
    } catch {
      context.addIssue({ code: "custom", message: "a BCP 47 language tag, e.g. en or de-AT" });
      return z.NEVER;
    }
    const language = canonical.split("-")[0] as SupportedLocale;
    if (!supportedLocales.includes(language)) {
      context.addIssue({ code: "custom", message: `a language emails are written in: ${supportedLocales.join(", ")}` });
      return z.NEVER;
    }
    return language;
  });

const DisplayName = z.string().trim().min(1).max(80);
const Languages = z.array(LanguageCode).max(20).refine((codes) => new Set(codes).size === codes.length, "each language once");
const maxDemographicAnswers = 50;

export const ProfileOut = z
  .object({
    userId: UserId,
    displayName: DisplayName.nullable(),
    country: CountryCode.nullable(),
    birthDate: CalendarDate.nullable(),
    languages: z.array(LanguageCode),
    demographics: z.record(DemographicQuestionId, DemographicValue),
    /** The language of the participant's email; null reads the default (English). */
    locale: StoredLocale.nullable(),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: "Profile" });
export type ProfileOut = z.infer<typeof ProfileOut>;

/**
 * A change to the caller's profile: only the fields sent change, `null` clears one. `demographics`
 * merges answer by answer: an answer sent replaces that question's, `null` removes it, and
 * `demographics: null` removes them all.
 */
export const ProfilePatch = z
  .strictObject({
    displayName: DisplayName.nullable(),
    country: CountryCode.nullable(),
    birthDate: CalendarDate.nullable(),
    languages: Languages.nullable(),
    locale: Locale.nullable(),
    demographics: z
      .record(DemographicQuestionId, DemographicValue.nullable())
      .refine((answers) => Object.keys(answers).length <= maxDemographicAnswers, `at most ${maxDemographicAnswers} answers`)
      .nullable(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "name at least one field to change")
  .meta({ id: "ProfilePatch" });
export type ProfilePatch = z.infer<typeof ProfilePatch>;

/** The caller's erasure: `scheduled` until `erasesAt`, when their personal data is made unreadable; `none` when none is pending. */
export const ErasureOut = z
  .object({ userId: UserId, status: z.enum(["scheduled", "none"]), requestedAt: Timestamp.nullable(), erasesAt: Timestamp.nullable() })
  .meta({ id: "Erasure" });
export type ErasureOut = z.infer<typeof ErasureOut>;

export const meRoutes = {
  getMe: defineRoute({
    operationId: "getMe",
    method: "GET",
    path: "/v1/me",
    summary: "The caller's participant profile: display name, country, birth date, languages and demographic answers, which opportunities' targeting is checked against",
    tag: "Me",
    auth: { kind: "user" },
    response: { status: 200, schema: ProfileOut },
  }),
  updateMe: defineRoute({
    operationId: "updateMe",
    method: "PATCH",
    path: "/v1/me",
    summary:
      "Change the caller's profile: only the fields sent change, null clears one; demographics merge answer by answer (null removes an answer). A birth date in the future or more than 120 years ago answers 400 validation_failed",
    tag: "Me",
    auth: { kind: "user" },
    body: ProfilePatch,
    response: { status: 200, schema: ProfileOut },
  }),
  requestErasure: defineRoute({
    operationId: "requestErasure",
    method: "DELETE",
    path: "/v1/me",
    summary:
      "Erase the caller's account at the end of a 7-day grace period: their data key is then deleted, which leaves all their personal data unreadable, backups included; organizations they had claims with receive user.erased.v1. Asking again answers the erasure already scheduled",
    tag: "Me",
    auth: { kind: "user" },
    response: { status: 202, schema: ErasureOut },
  }),
  cancelErasure: defineRoute({
    operationId: "cancelErasure",
    method: "POST",
    path: "/v1/me/erasure/cancel",
    summary: "Cancel the caller's pending erasure during its grace period; 409 invalid_state when none is scheduled",
    tag: "Me",
    auth: { kind: "user" },
    response: { status: 200, schema: ErasureOut },
  }),
} as const;
