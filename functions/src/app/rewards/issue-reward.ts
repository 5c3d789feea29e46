import type { EventOf } from "../../contracts/events.js";
import { AppError } from "../../domain/app-error.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { expiryOf } from "../../domain/points/points-entry.js";
import { issued, rewardFor, type Reward } from "../../domain/rewards/reward.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { PointsLedger } from "../../ports/points-ledger.js";
import type { RewardRepository } from "../../ports/reward-repository.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import type { PayoutDeps } from "../payouts/payout-deps.js";
import { startCashPayout, type CashPayoutOutcome } from "../payouts/start-cash-payout.js";
import { issueVoucherReward, type IssueVoucherRewardDeps } from "../vouchers/issue-voucher-reward.js";
import { insertIfAbsent, updateAggregate } from "../shared/update-aggregate.js";

export type IssueRewardDeps = DispatchDeps &
  IssueVoucherRewardDeps &
  Pick<PayoutDeps, "payouts" | "payoutDetails"> & {
    claims: ClaimRepository;
    opportunities: OpportunityRepository;
    rewards: RewardRepository;
    ledger: PointsLedger;
    ids: Ids;
    clock: Clock;
    /** Days after which earned points expire (config.ts, POINTS_EXPIRE_AFTER_DAYS). */
    pointsPolicy: { expireAfterDays: number };
  };

export type IssueRewardOutcome = "issued" | "already_issued" | "pool_exhausted" | "awaiting_provider" | "ignored" | CashPayoutOutcome;

/**
 * Issues the reward a completed claim earned, exactly once however often the event arrives: the
 * reward is unique per claim, the ledger entry is keyed by the reward, and only the pending →
 * issued save emits `reward.issued.v1`. Every step may be repeated after a crash.
 */
export async function issueReward(deps: IssueRewardDeps, event: EventOf<"claim.completed.v1">): Promise<IssueRewardOutcome> {
  return issueRewardForClaim(deps, event.data.claimId);
}

/** The same for a claim named directly: how reconciliation repairs a completed claim left without its reward. */
export async function issueRewardForClaim(deps: IssueRewardDeps, claimId: string): Promise<IssueRewardOutcome> {
  const claim = await deps.claims.findById(claimId);
  if (!claim || claim.status !== "completed") return "ignored";
  const opportunity = await deps.opportunities.findById(claim.opportunityId);
  if (!opportunity) return "ignored";
  const now = deps.clock.now();
  const reward = await rewardOf(deps, rewardFor(opportunity.reward, claim, deps.ids.next("rwd"), now));
  if (reward.status === "issued") {
    await dispatchEvents(deps, { aggregate: "reward", id: reward.id });
    return "already_issued";
  }
  if (reward.type === "voucher" && reward.poolId !== null) return issueVoucherReward(deps, reward, reward.poolId);
  // Cash is issued when its payout is paid (app/payouts/).
  if (reward.type === "cash") return startCashPayout(deps, reward);
  if (reward.type !== "points") return "awaiting_provider";
  await creditReward(deps, reward, now);
  // Decided on every attempt: an attempt that lost the save's race decides again on the issued reward.
  let outcome: IssueRewardOutcome = "already_issued";
  await updateAggregate(deps.rewards, reward.id, (current) => {
    outcome = current.status === "issued" ? "already_issued" : "issued";
    if (outcome === "already_issued") return null;
    const data = { rewardId: current.id, claimId: current.claimId, userId: current.userId, type: current.type, value: current.value, currency: current.currency };
    return { next: issued(current, now), events: [domainEvent("reward.issued.v1", current.orgId, data, deps.ids.next("evt"), now)] };
  });
  await dispatchEvents(deps, { aggregate: "reward", id: reward.id });
  return outcome;
}

/** Credits a points reward to its participant's ledger, once (the entry is keyed by the reward), expiring under the platform's policy. */
export function creditReward(deps: Pick<IssueRewardDeps, "ledger" | "pointsPolicy">, reward: Reward, at: Date) {
  return deps.ledger.credit({ userId: reward.userId, points: reward.value, rewardId: reward.id, orgId: reward.orgId, at, expiresAt: expiryOf(at, deps.pointsPolicy.expireAfterDays) });
}

/** The claim's reward: `candidate`, stored now, or the one an earlier delivery of the event stored. */
async function rewardOf(deps: IssueRewardDeps, candidate: Reward): Promise<Reward> {
  const existing = await deps.rewards.findByClaim(candidate.claimId);
  if (existing) return existing;
  if (await insertIfAbsent(deps.rewards, candidate)) return candidate;
  const raced = await deps.rewards.findByClaim(candidate.claimId);
  if (!raced) throw new AppError("conflict", "the reward could not be stored; try again");
  return raced;
}
