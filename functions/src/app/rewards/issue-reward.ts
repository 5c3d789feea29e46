import type { EventOf } from "../../contracts/events.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { rewardFor } from "../../domain/rewards/reward.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { ClaimRepository, OpportunityRepository, PointsLedger, RewardRepository } from "../../ports/repositories.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import { dispatchEvents, type RelayDeps } from "../events/relay-outbox.js";

export type IssueRewardDeps = RelayDeps & {
  claims: ClaimRepository;
  opportunities: OpportunityRepository;
  rewards: RewardRepository;
  ledger: PointsLedger;
  tasks: TaskQueue;
  ids: Ids;
  clock: Clock;
};

export type IssueRewardOutcome = "issued" | "already_issued" | "awaiting_provider" | "ignored";

/**
 * Issues the reward a completed claim earned, exactly once however often the event arrives: the
 * reward is unique per claim, the ledger entry is keyed by the reward, and only the pending →
 * issued step emits `reward.issued.v1`. Every step may be repeated after a crash.
 */
export async function issueReward(deps: IssueRewardDeps, event: EventOf<"claim.completed.v1">): Promise<IssueRewardOutcome> {
  const claim = await deps.claims.findById(event.data.claimId);
  if (!claim || claim.status !== "completed") return "ignored";
  const opportunity = await deps.opportunities.findById(claim.opportunityId);
  if (!opportunity) return "ignored";
  const now = deps.clock.now();
  const reward = await deps.rewards.insertOnce(rewardFor(opportunity.reward, claim, deps.ids.next("rwd"), now));
  if (reward.status === "issued") {
    await dispatchEvents(deps, { collection: "rewards", id: reward.id });
    return "already_issued";
  }
  // Vouchers and cash need their pool and payout provider; until then they stay pending.
  if (reward.type !== "points") return "awaiting_provider";
  await deps.ledger.credit({ id: reward.id, userId: reward.userId, points: reward.value, rewardId: reward.id, at: now });
  const issued = domainEvent(
    "reward.issued.v1",
    reward.orgId,
    { rewardId: reward.id, claimId: reward.claimId, userId: reward.userId, type: reward.type, value: reward.value, currency: reward.currency },
    deps.ids.next("evt"),
    now,
  );
  await deps.rewards.markIssued(reward.id, now, [issued]);
  await dispatchEvents(deps, { collection: "rewards", id: reward.id });
  return "issued";
}
