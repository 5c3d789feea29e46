import type { Logger } from "../../ports/logger.js";
import type { TimeWindow } from "../../ports/reconciliation-reads.js";
import { describe } from "../events/relay-outbox.js";
import { checkClaimDeadlines, type ClaimDeadlinesDeps } from "./check-claim-deadlines.js";
import { checkClaimRewards, type ClaimRewardsDeps } from "./check-claim-rewards.js";
import { checkSubmissionDecisions, type SubmissionDecisionsDeps } from "./check-submission-decisions.js";
import { checkEventHandling, type EventHandlingDeps } from "./check-event-handling.js";
import { checkPlaces, type PlacesDeps } from "./check-places.js";
import { checkWebhookDeliveries } from "./check-webhook-deliveries.js";
import type { RedriveDeps } from "../webhooks/redrive-stalled-messages.js";
import { checkPointsLedger, type PointsLedgerDeps } from "./check-points-ledger.js";
import { checkPayouts, type PayoutsDeps } from "./check-payouts.js";
import { checkRedemptions, type RedemptionsDeps } from "./check-redemptions.js";
import { checkVoucherNumbers, type VoucherNumbersDeps } from "./check-voucher-numbers.js";
import { reportBreak, type Break, type Invariant, type ReportDeps } from "./report-break.js";

export type ReconcileDeps = EventHandlingDeps & ClaimRewardsDeps & SubmissionDecisionsDeps & ClaimDeadlinesDeps & PointsLedgerDeps & PlacesDeps & RedriveDeps & RedemptionsDeps & PayoutsDeps & VoucherNumbersDeps & ReportDeps & { logger: Logger };

export interface ReconcileOptions {
  /**
   * What happened more recently than this is left alone: the normal path (a relay, a redelivery
   * with backoff) may still be carrying it out.
   */
  graceSeconds: number;
  /**
   * How far back each run looks: past the time Pub/Sub spends redelivering an event before it
   * dead-letters it (10 attempts, backoff capped at 600 s: about 40 minutes), with room for runs
   * that failed.
   */
  lookbackSeconds: number;
  /** The most subjects one check examines in a run; a check that reaches it says so (`truncated`). */
  limit: number;
  /** How long a pending webhook message may see nothing happen before it is redriven (check-webhook-deliveries.ts). */
  webhookStalledAfterSeconds: number;
  /** How long a pending or processing payout may see nothing happen before its order is sent (read back) again (check-payouts.ts). */
  payoutStalledAfterSeconds: number;
}

export const defaultReconcileOptions: ReconcileOptions = { graceSeconds: 300, lookbackSeconds: 6 * 3600, limit: 2000, webhookStalledAfterSeconds: 1200, payoutStalledAfterSeconds: 3600 };

export interface CheckSummary {
  checked: number;
  broken: number;
  repaired: number;
  truncated: boolean;
  /** Set when the check itself could not run (the database down): it runs again next time. */
  failed?: string;
}

export type ReconciliationReport = Record<Invariant, CheckSummary>;

type Check = (window: TimeWindow, limit: number) => Promise<{ checked: number; breaks: Break[] }>;

/**
 * Checks every invariant over the recent past, repairs what is safe to repair and reports every
 * break (report-break.ts). Each check runs on its own: one that fails is logged
 * (`reconcile.check_failed`) and the others still run. Ends with one `reconcile.done` entry holding
 * every count, the figure a dashboard graphs. Safe to run twice at once: every repair is one a
 * retry of the normal path would make.
 */
export async function reconcile(deps: ReconcileDeps, options: ReconcileOptions = defaultReconcileOptions): Promise<ReconciliationReport> {
  const to = new Date(deps.clock.now().getTime() - options.graceSeconds * 1000);
  const window = { from: new Date(to.getTime() - options.lookbackSeconds * 1000), to };
  const checks: Partial<Record<Invariant, Check>> = {
    event_handled: (w, limit) => checkEventHandling(deps, w, limit),
    claim_rewarded: (w, limit) => checkClaimRewards(deps, w, limit),
    points_ledgered: (w, limit) => checkPointsLedger(deps, w, limit),
    // Before deadlines: a claim the last rejection should have ended is not expired instead.
    decision_applied: (w, limit) => checkSubmissionDecisions(deps, w, limit),
    // Before places are counted: an expired claim's place goes back.
    claim_expired: (w, limit) => checkClaimDeadlines(deps, w.to, limit),
    // Reservations have a grace of their own, tied to the API's timeout, not the window's.
    places_counted: (_, limit) => checkPlaces(deps, limit),
    webhook_delivering: (_, limit) => checkWebhookDeliveries(deps, options.webhookStalledAfterSeconds, limit),
    // Past the grace only: a younger pending redemption may still be settling in its own request.
    redemption_settled: (w, limit) => checkRedemptions(deps, w.to, limit),
    payout_settling: (_, limit) => checkPayouts(deps, options.payoutStalledAfterSeconds, limit),
    voucher_number_used: (_, limit) => checkVoucherNumbers(deps, limit),
  };
  const report = {} as ReconciliationReport;
  for (const [invariant, check] of Object.entries(checks) as Array<[Invariant, Check]>) {
    try {
      const { checked, breaks } = await check(window, options.limit);
      for (const broken of breaks) await reportBreak(deps, broken);
      report[invariant] = { checked, broken: breaks.length, repaired: breaks.filter((b) => b.repaired).length, truncated: checked >= options.limit };
    } catch (error) {
      deps.logger.error("reconcile.check_failed", { invariant, cause: describe(error) });
      report[invariant] = { checked: 0, broken: 0, repaired: 0, truncated: false, failed: describe(error) };
    }
  }
  deps.logger.info("reconcile.done", { window: { from: window.from.toISOString(), to: window.to.toISOString() }, ...report });
  return report;
}
