import { settleRedemption, type RedeemPointsDeps } from "../redemptions/redeem-points.js";
import type { Break } from "./report-break.js";

export type RedemptionsDeps = RedeemPointsDeps;

/**
 * Every redemption ends: one still pending past the grace was left by a crash between its steps
 * (points taken, no code yet). It is settled now by the steps the request runs, each keyed, so
 * the points are taken once and one code is given, or the points come back when none is left.
 */
export async function checkRedemptions(deps: RedemptionsDeps, before: Date, limit: number): Promise<{ checked: number; breaks: Break[] }> {
  const pending = await deps.redemptions.listPendingBefore(before, limit);
  const breaks: Break[] = [];
  for (const redemption of pending) {
    const settled = await settleRedemption(deps, redemption).then(
      (done) => done.status,
      () => null,
    );
    breaks.push({
      invariant: "redemption_settled",
      subject: redemption.id,
      detail: `redemption of ${redemption.points} points was left pending`,
      repaired: settled !== null,
      fields: { userId: redemption.userId, offerId: redemption.offerId, ...(settled ? { settledAs: settled } : {}) },
    });
  }
  return { checked: pending.length, breaks };
}
