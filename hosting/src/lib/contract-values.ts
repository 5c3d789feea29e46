// Values the API's contracts declare, used at build time (DESIGN §2) so the console offers
// exactly what the API accepts. route.ts holds plain constants (it imports zod's types only).
import type { z } from "zod";
import type { RejectionReason, ReviewerRejectionReason } from "../../../functions/src/contracts/claims";
import type { EventType } from "../../../functions/src/contracts/events";
import type { SupportedLocale } from "../../../functions/src/contracts/me";
export { apiScopes, orgRoles, type ApiScope, type OrgRole } from "../../../functions/src/contracts/route";

/** The event types a webhook endpoint can subscribe to. */
export const eventTypes = [
  "opportunity.published.v1",
  "opportunity.paused.v1",
  "opportunity.resumed.v1",
  "opportunity.completed.v1",
  "opportunity.archived.v1",
  "claim.created.v1",
  "claim.completed.v1",
  "claim.withdrawn.v1",
  "claim.expired.v1",
  "claim.rejected.v1",
  "submission.created.v1",
  "submission.approved.v1",
  "submission.rejected.v1",
  "reward.issued.v1",
  "reward.failed.v1",
  "payout.paid.v1",
  "payout.failed.v1",
  "voucher_pool.low.v1",
  "voucher_pool.restocked.v1",
  "message.attempt.failing.v1",
  "message.attempt.exhausted.v1",
  "message.attempt.recovered.v1",
  "endpoint.disabled.v1",
  "points.adjusted.v1",
  "points.expired.v1",
  "user.erased.v1",
  "points.redeemed.v1",
] as const satisfies readonly EventType[];

// events.ts builds its schemas with zod at run time, so the list is written here; this fails
// the typecheck when the contracts gain an event the list lacks.
type Unlisted = Exclude<EventType, (typeof eventTypes)[number]>;
const everyEventListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyEventListed;

/** Why work was rejected, in the words the participant and the reviewer read. */
export const rejectionReasonLabels = {
  failed_checks: "It did not pass the automatic checks",
  incomplete: "Incomplete",
  low_quality: "Low quality",
  off_target: "Not what the task asked for",
  duplicate: "Duplicate of other work",
  suspected_fraud: "Suspected fraud",
  guidelines_violation: "Breaks the guidelines",
  other: "Other (see the note)",
} as const satisfies Record<z.output<typeof RejectionReason>, string>;

/** The reasons a reviewer picks from: every one but the automatic checks'. */
export const reviewerRejectionReasons = (Object.keys(rejectionReasonLabels) as Array<keyof typeof rejectionReasonLabels>).filter(
  (code): code is z.output<typeof ReviewerRejectionReason> => code !== "failed_checks",
);

/** The languages emails are written in (contracts/me.ts `supportedLocales`), each named in itself. */
export const emailLocales = { en: "English", de: "Deutsch" } as const satisfies Record<SupportedLocale, string>;
