import type { EventType } from "../../contracts/events.js";

/** What a participant can opt out of, one category at a time. */
export const emailCategories = ["claims", "reviews", "rewards", "payouts"] as const;
export type EmailCategory = (typeof emailCategories)[number];

/** The events a participant is emailed about, and the category each belongs to. */
export const participantEmailEvents = {
  "claim.created.v1": "claims",
  "submission.approved.v1": "reviews",
  "submission.rejected.v1": "reviews",
  "reward.issued.v1": "rewards",
  "payout.paid.v1": "payouts",
  "payout.failed.v1": "payouts",
} as const satisfies Partial<Record<EventType, EmailCategory>>;
export type ParticipantEmailEvent = keyof typeof participantEmailEvents;

export function isParticipantEmailEvent(type: string): type is ParticipantEmailEvent {
  return Object.hasOwn(participantEmailEvents, type);
}

/**
 * The events an organization's owners and admins are emailed about: its webhook endpoints failing
 * or disabled. Operational mail to the people who run the integration, not a participant's
 * category: no preference or unsubscribe link stops it (removing the role does).
 */
export const adminEmailEvents = ["endpoint.disabled.v1", "message.attempt.failing.v1"] as const satisfies readonly EventType[];
export type AdminEmailEvent = (typeof adminEmailEvents)[number];

export function isAdminEmailEvent(type: string): type is AdminEmailEvent {
  return (adminEmailEvents as readonly string[]).includes(type);
}
