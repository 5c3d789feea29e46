import type { ReconciliationReads } from "../../ports/reconciliation-reads.js";
import { expireClaim, type ExpireClaimDeps } from "../claims/expire-claim.js";
import type { Break } from "./report-break.js";

export type ClaimDeadlinesDeps = ExpireClaimDeps & { reconciliationReads: ReconciliationReads };

/**
 * No claim stays active past its deadline. Its task expires it at the deadline; one still active
 * `before` (the deadline plus the grace) lost its task (the retries ran out, the local emulator
 * was restarted) and is expired now, through the use case the task runs, which is safe to repeat
 * and decides on the claim as saved: one completed meanwhile is left alone.
 */
export async function checkClaimDeadlines(deps: ClaimDeadlinesDeps, before: Date, limit: number): Promise<{ checked: number; breaks: Break[] }> {
  const claims = await deps.reconciliationReads.activeClaimsPastDeadline(before, limit);
  const breaks: Break[] = [];
  for (const claim of claims) {
    const outcome = await expireClaim(deps, { claimId: claim.id, checkAt: claim.deadline }).catch(() => "failed" as const);
    if (outcome === "ended") continue;
    breaks.push({
      invariant: "claim_expired",
      subject: claim.id,
      detail: `the claim was still active past its deadline ${claim.deadline.toISOString()}`,
      repaired: outcome === "expired" || outcome === "expired_before",
      fields: { userId: claim.userId, opportunityId: claim.opportunityId },
    });
  }
  return { checked: claims.length, breaks };
}
