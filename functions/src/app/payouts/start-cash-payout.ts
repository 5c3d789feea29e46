import { AppError } from "../../domain/app-error.js";
import { isSettled, payoutFor, type Payout } from "../../domain/payouts/payout.js";
import type { Reward } from "../../domain/rewards/reward.js";
import { insertIfAbsent } from "../shared/update-aggregate.js";
import { sendTaskName, type PayoutDeps } from "./payout-deps.js";
import { settleReward } from "./settle-payout.js";

export type CashPayoutOutcome = "payout_sent" | "awaiting_payout_details" | "payout_settled";

/**
 * Starts the payout of a cash reward, once however often the claim's event arrives: the payout is
 * unique per reward, and its send task is named after it. A participant without payout details
 * leaves it pending; saving details sends it (save-payout-details.ts). Either side may run first:
 * each checks for the other after its own write, so the payout is sent by one of them at least.
 */
export async function startCashPayout(deps: PayoutDeps, reward: Reward): Promise<CashPayoutOutcome> {
  const payout = await payoutOf(deps, payoutFor(reward, deps.ids.next("pay"), deps.clock.now()));
  if (isSettled(payout)) {
    // A crash after the payout settled and before its reward did: finish it.
    await settleReward(deps, payout);
    return "payout_settled";
  }
  if (payout.status === "pending" && !(await deps.payoutDetails.findById(payout.userId))) return "awaiting_payout_details";
  await deps.tasks.enqueue({ kind: "payout.send.v1", payoutId: payout.id }, { name: sendTaskName(payout.id) });
  return "payout_sent";
}

/** The reward's payout: `candidate`, stored now, or the one an earlier delivery stored. */
async function payoutOf(deps: PayoutDeps, candidate: Payout): Promise<Payout> {
  const existing = await deps.payouts.findByReward(candidate.rewardId);
  if (existing) return existing;
  if (await insertIfAbsent(deps.payouts, candidate)) return candidate;
  const raced = await deps.payouts.findByReward(candidate.rewardId);
  if (!raced) throw new AppError("conflict", "the payout could not be stored; try again");
  return raced;
}
