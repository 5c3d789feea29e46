import { domainEvent } from "../../domain/events/domain-event.js";
import { failed, issued, type Reward } from "../../domain/rewards/reward.js";
import type { RewardRepository } from "../../ports/reward-repository.js";
import { dispatchEvents } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { allocateVoucher, type AllocateVoucherDeps } from "./allocate-voucher.js";

export type IssueVoucherRewardDeps = AllocateVoucherDeps & { rewards: RewardRepository };

export type VoucherRewardOutcome = "issued" | "already_issued" | "pool_exhausted";

/**
 * Issues a voucher reward: one code of its pool, then the reward issued (`reward.issued.v1`). A
 * pool without codes leaves the reward `failed` for `pool_exhausted` (`reward.failed.v1`, once),
 * to be issued again when codes are added (retry-pool-rewards.ts). Every step may be repeated.
 */
export async function issueVoucherReward(deps: IssueVoucherRewardDeps, reward: Reward, poolId: string): Promise<VoucherRewardOutcome> {
  const allocation = await allocateVoucher(deps, { kind: "reward", id: reward.id, userId: reward.userId }, poolId);
  const now = deps.clock.now();
  let outcome: VoucherRewardOutcome = "already_issued";
  await updateAggregate(deps.rewards, reward.id, (current) => {
    if (current.status === "issued") {
      outcome = "already_issued";
      return null;
    }
    if (!allocation) {
      outcome = "pool_exhausted";
      if (current.status === "failed") return null;
      const data = { rewardId: current.id, claimId: current.claimId, userId: current.userId, type: current.type, reason: "pool_exhausted" as const };
      return { next: failed(current, "pool_exhausted"), events: [domainEvent("reward.failed.v1", current.orgId, data, deps.ids.next("evt"), now)] };
    }
    outcome = "issued";
    const data = { rewardId: current.id, claimId: current.claimId, userId: current.userId, type: current.type, value: current.value, currency: current.currency };
    return { next: issued(current, now), events: [domainEvent("reward.issued.v1", current.orgId, data, deps.ids.next("evt"), now)] };
  });
  await dispatchEvents(deps, { aggregate: "reward", id: reward.id });
  return outcome;
}
