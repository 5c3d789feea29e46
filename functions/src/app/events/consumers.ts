import type { DomainEvent } from "../../contracts/events.js";
import { completeWhenCapacityUsed } from "../opportunities/complete-when-capacity-used.js";
import type { ChangeOpportunityStatusDeps } from "../opportunities/change-opportunity-status.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import { keepMonthlyChargeOf, type MonthlyChargeDeps } from "../claims/monthly-charge.js";
import { returnPlaceOf } from "../claims/return-place.js";
import { scheduleDeadlineOf } from "../claims/schedule-deadline-check.js";
import { issueReward, type IssueRewardDeps } from "../rewards/issue-reward.js";
import { retryPoolRewards } from "../vouchers/retry-pool-rewards.js";
import { fanOutEvent, type FanOutDeps } from "../webhooks/fan-out-event.js";
import { notifyByEmail, type NotifyByEmailDeps } from "../notifications/notify-by-email.js";

export type ConsumerDeps = IssueRewardDeps & FanOutDeps & ChangeOpportunityStatusDeps & NotifyByEmailDeps & MonthlyChargeDeps & { claims: ClaimRepository };

/**
 * Every consumer of domain events, by the name of the function that subscribes it (its
 * subscription in cloud-resources.json). Each receives every event and acts on the types it
 * needs; what it returns is its outcome, for the log and the inbox. Reconciliation hands an event
 * a consumer never handled to the same code.
 */
export const eventConsumers = {
  issueRewards: async (deps: ConsumerDeps, event: DomainEvent) => {
    if (event.type === "claim.completed.v1") return `reward ${await issueReward(deps, event)}`;
    // Codes added to a pool: the voucher rewards that failed for want of them are issued now.
    if (event.type === "voucher_pool.restocked.v1") return retryPoolRewards(deps, event.data.poolId);
    return "ignored";
  },
  fanOutWebhooks: async (deps: ConsumerDeps, event: DomainEvent) => `webhook messages for ${await fanOutEvent(deps, event)} endpoints`,
  // Follows a claim's hold on its place, from its creation to its end. A new claim gets the task
  // that expires it at its deadline, scheduled here rather than in the claim request: a burst of
  // claims then never waits on Cloud Tasks (on the local platform, that wait pushed the first
  // requests of a 200-claim burst past the 60 s timeout). A claim that completes may be the last
  // one running on an opportunity whose places are all taken. A withdrawn, expired or rejected claim's place
  // goes back in the request or task that ended it; this delivery finishes it after a crash
  // between the claim's write and the place's (the event is in the claim's outbox).
  completeOpportunities: async (deps: ConsumerDeps, event: DomainEvent) => {
    if (event.type === "claim.created.v1") return `deadline check ${await scheduleDeadlineOf(deps, event.data.claimId)}`;
    if (event.type === "claim.completed.v1") {
      const claim = await deps.claims.findById(event.data.claimId);
      const charge = claim ? await keepMonthlyChargeOf(deps, claim) : "none";
      return `opportunity ${await completeWhenCapacityUsed(deps, event.data.opportunityId)}, monthly charge ${charge}`;
    }
    if (event.type === "claim.withdrawn.v1" || event.type === "claim.expired.v1" || event.type === "claim.rejected.v1") {
      const claim = await deps.claims.findById(event.data.claimId);
      const ending = { id: event.data.claimId, opportunityId: event.data.opportunityId, status: placeReturnedBy[event.type], monthlyCharge: claim?.monthlyCharge ?? null };
      return `place ${await returnPlaceOf(deps, ending)}`;
    }
    return "ignored";
  },
  // The participant's email about what happened to their claim, work, reward or payout: one per
  // event and recipient however often the event comes (app/notifications/notify-by-email.ts).
  notifyByEmail,
} satisfies Record<string, (deps: ConsumerDeps, event: DomainEvent) => Promise<string>>;

/** The events of a claim ending on which its place goes back, and the status each leaves it in. */
const placeReturnedBy = { "claim.withdrawn.v1": "withdrawn", "claim.expired.v1": "expired", "claim.rejected.v1": "rejected" } as const;

export type ConsumerName = keyof typeof eventConsumers;

export const consumerNames = Object.keys(eventConsumers) as ConsumerName[];
