import type { Payout } from "../../domain/payouts/payout.js";
import type { Clock } from "../../ports/clock.js";
import type { PayoutDetailsRepository } from "../../ports/payout-details-repository.js";
import type { PayoutRepository } from "../../ports/payout-repository.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import { sendTaskName } from "../payouts/payout-deps.js";
import type { Break } from "./report-break.js";

export interface PayoutsDeps {
  payouts: PayoutRepository;
  payoutDetails: PayoutDetailsRepository;
  tasks: TaskQueue;
  clock: Clock;
}

/**
 * Every payout ends. One that has seen nothing happen for `stalledAfterSeconds` while processing
 * lost its provider's notification or its last send task gave up; one pending with payout details
 * lost its send task. Either gets a send task again: the order is sent under the reward id, so
 * the provider answers with the order it has (never a second one) and where it stands, and a
 * paid or failed order settles the payout. The task is named after the payout and the stalled
 * window, so runs within one window enqueue it once, and a payout still processing at the
 * provider is asked again once a window.
 */
export async function checkPayouts(deps: PayoutsDeps, stalledAfterSeconds: number, limit: number): Promise<{ checked: number; breaks: Break[] }> {
  const now = deps.clock.now().getTime();
  const window = stalledAfterSeconds * 1000;
  const stalled = await deps.payouts.listStalled(new Date(now - window), limit);
  const breaks: Break[] = [];
  for (const payout of stalled) {
    if (payout.status === "pending" && !(await deps.payoutDetails.findById(payout.userId))) continue;
    const repaired = await deps.tasks
      .enqueue({ kind: "payout.send.v1", payoutId: payout.id }, { name: `${sendTaskName(payout.id)}-again-${Math.floor(now / window)}` })
      .then(
        () => true,
        () => false,
      );
    breaks.push({ invariant: "payout_settling", subject: payout.id, detail: describeStall(payout), repaired, fields: { rewardId: payout.rewardId, status: payout.status } });
  }
  return { checked: stalled.length, breaks };
}

const describeStall = (payout: Payout) =>
  payout.status === "processing"
    ? `processing at the provider${payout.providerOrderId ? ` (order ${payout.providerOrderId})` : ""} with no word since ${payout.updatedAt.toISOString()}`
    : `pending with payout details, not sent since ${payout.updatedAt.toISOString()}`;
