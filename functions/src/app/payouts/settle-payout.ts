import { domainEvent } from "../../domain/events/domain-event.js";
import { failedPayout, paid, type Payout } from "../../domain/payouts/payout.js";
import type { PayoutFailureReason } from "../../contracts/payouts.js";
import { failed, issued } from "../../domain/rewards/reward.js";
import { dispatchEvents } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import type { PayoutDeps } from "./payout-deps.js";

export type Settlement = { delivery: "paid"; orderId: string } | { delivery: "failed"; reason: PayoutFailureReason; orderId: string | null };

/**
 * Ends a processing payout as the provider says it ended, then its reward: paid issues it,
 * failed fails it (`payout_failed`). Each write is guarded by the state it leaves, so a repeated
 * notification or task changes nothing and emits nothing twice; a crash between the two writes is
 * finished by the next delivery of either (both end in settleReward).
 */
export async function settlePayout(deps: PayoutDeps, payoutId: string, settlement: Settlement): Promise<Payout | null> {
  const now = deps.clock.now();
  const payout = await updateAggregate(deps.payouts, payoutId, (current) => {
    if (current.status !== "processing") return null;
    const recorded = { ...current, providerOrderId: settlement.orderId ?? current.providerOrderId };
    const base = { payoutId: current.id, rewardId: current.rewardId, claimId: current.claimId, userId: current.userId };
    if (settlement.delivery === "paid") {
      const next = paid(recorded, now);
      const data = { ...base, amount: next.amount, currency: next.currency, paidAt: now.toISOString() };
      return { next, events: [domainEvent("payout.paid.v1", current.orgId, data, deps.ids.next("evt"), now)] };
    }
    const next = failedPayout(recorded, settlement.reason, now);
    return { next, events: [domainEvent("payout.failed.v1", current.orgId, { ...base, reason: settlement.reason }, deps.ids.next("evt"), now)] };
  });
  if (!payout) return null;
  await dispatchEvents(deps, { aggregate: "payout", id: payout.id });
  await settleReward(deps, payout);
  return payout;
}

/** Brings the reward in line with its settled payout: issued once it is paid, failed once it failed. */
export async function settleReward(deps: PayoutDeps, payout: Payout): Promise<void> {
  if (payout.status !== "paid" && payout.status !== "failed") return;
  const now = deps.clock.now();
  const reward = await updateAggregate(deps.rewards, payout.rewardId, (current) => {
    if (payout.status === "paid") {
      if (current.status === "issued") return null;
      const data = { rewardId: current.id, claimId: current.claimId, userId: current.userId, type: current.type, value: current.value, currency: current.currency };
      return { next: issued(current, payout.paidAt ?? now), events: [domainEvent("reward.issued.v1", current.orgId, data, deps.ids.next("evt"), now)] };
    }
    if (current.status !== "pending") return null;
    const data = { rewardId: current.id, claimId: current.claimId, userId: current.userId, type: current.type, reason: "payout_failed" as const };
    return { next: failed(current, "payout_failed"), events: [domainEvent("reward.failed.v1", current.orgId, data, deps.ids.next("evt"), now)] };
  });
  if (reward) await dispatchEvents(deps, { aggregate: "reward", id: reward.id });
}
