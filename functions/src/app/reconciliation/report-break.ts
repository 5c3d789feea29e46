import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { OperationalEvents } from "../../ports/operational-events.js";
import { describe } from "../events/relay-outbox.js";

/** The invariants reconciliation checks; each names the stable log code of its breaks, `reconcile.<invariant>`. */
export type Invariant = "event_handled" | "claim_rewarded" | "points_ledgered" | "decision_applied" | "claim_expired" | "places_counted" | "webhook_delivering" | "redemption_settled" | "payout_settling" | "voucher_number_used";

/** One invariant found broken for one subject, and whether reconciliation repaired it. */
export interface Break {
  invariant: Invariant;
  /** The id of what is broken: an event, a claim, a reward, an opportunity. */
  subject: string;
  detail: string;
  repaired: boolean;
  fields?: Readonly<Record<string, unknown>>;
}

export interface ReportDeps {
  logger: Logger;
  clock: Clock;
  operations: OperationalEvents;
}

/**
 * Reports a break three ways: a log entry under `reconcile.<invariant>` (a log-based metric counts
 * them), and a `reconciliation.break.v1` operational event for alerting. A report that cannot be
 * published is logged (`reconcile.report_failed`), never allowed to stop the other checks.
 */
export async function reportBreak(deps: ReportDeps, broken: Break): Promise<void> {
  const fields = { subject: broken.subject, detail: broken.detail, repaired: broken.repaired, ...broken.fields };
  deps.logger.warn(`reconcile.${broken.invariant}`, fields);
  try {
    await deps.operations.publish({ type: "reconciliation.break.v1", occurredAt: deps.clock.now().toISOString(), data: { invariant: broken.invariant, ...fields } });
  } catch (error) {
    deps.logger.error("reconcile.report_failed", { invariant: broken.invariant, subject: broken.subject, cause: describe(error) });
  }
}
