import { z } from "zod";
import { defineRoute } from "./route.js";

// Which emails a participant receives, one category at a time, and the signed one-click
// unsubscribe link (RFC 8058) every participant email carries.

/** The categories of participant email, as domain/notifications/categories.ts sorts events into them. */
export const EmailCategoryName = z.enum(["claims", "reviews", "rewards", "payouts"]);
export type EmailCategoryName = z.infer<typeof EmailCategoryName>;

const categoryFlags = {
  claims: z.boolean(),
  reviews: z.boolean(),
  rewards: z.boolean(),
  payouts: z.boolean(),
};

/** Each category: true when the participant receives its emails (the default), false once they opted out. */
export const EmailPreferencesOut = z.object(categoryFlags).meta({ id: "EmailPreferences" });
export type EmailPreferencesOut = z.infer<typeof EmailPreferencesOut>;

/** Only the categories sent change. */
export const EmailPreferencesPatch = z
  .strictObject(categoryFlags)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "name at least one category")
  .meta({ id: "EmailPreferencesPatch" });
export type EmailPreferencesPatch = z.infer<typeof EmailPreferencesPatch>;

/** The token of an unsubscribe link, as the email carries it; whether we signed it is the use case's to say. */
export const UnsubscribeToken = z.string().min(1).max(200);

/** What an unsubscribe link stops, for the confirmation page; `subscribed`: whether those emails still come. */
export const UnsubscribeLinkOut = z.object({ category: EmailCategoryName, subscribed: z.boolean() }).meta({ id: "UnsubscribeLink" });
export type UnsubscribeLinkOut = z.infer<typeof UnsubscribeLinkOut>;

/** RFC 8058's one-click body: mail clients post it as a form; the SDK sends the same field as JSON. */
export const OneClickUnsubscribe = z.strictObject({ "List-Unsubscribe": z.literal("One-Click") }).meta({ id: "OneClickUnsubscribe" });

export const emailPreferenceRoutes = {
  getEmailPreferences: defineRoute({
    operationId: "getEmailPreferences",
    method: "GET",
    path: "/v1/me/email-preferences",
    summary: "Which categories of email the caller receives (claims, reviews, rewards, payouts)",
    tag: "Email preferences",
    auth: { kind: "user" },
    response: { status: 200, schema: EmailPreferencesOut },
  }),
  updateEmailPreferences: defineRoute({
    operationId: "updateEmailPreferences",
    method: "PATCH",
    path: "/v1/me/email-preferences",
    summary: "Turn categories of email on (true) or off (false); only the categories sent change",
    tag: "Email preferences",
    auth: { kind: "user" },
    body: EmailPreferencesPatch,
    response: { status: 200, schema: EmailPreferencesOut },
  }),
  getUnsubscribeLink: defineRoute({
    operationId: "getUnsubscribeLink",
    method: "GET",
    path: "/v1/unsubscribe/{token}",
    summary: "What an email's unsubscribe link stops, without signing in; changes nothing (the confirmation page reads it). A token we did not sign answers 403 forbidden",
    tag: "Email preferences",
    auth: { kind: "public" },
    params: z.strictObject({ token: UnsubscribeToken }),
    response: { status: 200, schema: UnsubscribeLinkOut },
  }),
  unsubscribe: defineRoute({
    operationId: "unsubscribe",
    method: "POST",
    path: "/v1/unsubscribe/{token}",
    summary:
      "One-click unsubscribe (RFC 8058), without signing in: the link's category of email stops. The body is List-Unsubscribe=One-Click, as a form (mail clients) or JSON. Repeats answer the same. A token we did not sign answers 403 forbidden",
    tag: "Email preferences",
    auth: { kind: "public" },
    params: z.strictObject({ token: UnsubscribeToken }),
    body: OneClickUnsubscribe,
    bodyFormat: "form_or_json",
    bodyLimitBytes: 1024,
    response: { status: 200, schema: UnsubscribeLinkOut },
  }),
} as const;
