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
