import { AppError } from "../../domain/app-error.js";
import { rejected, withTaskApproved } from "../../domain/claims/claim.js";
import type { Submission } from "../../domain/claims/submission.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { returnPlaceOf } from "./return-place.js";
import type { MonthlyChargeDeps } from "./monthly-charge.js";

export type ClaimOutcomeDeps = DispatchDeps & MonthlyChargeDeps & { claims: ClaimRepository; opportunities: OpportunityRepository; ids: Ids; clock: Clock };

// Each lost race means another task of the claim was approved meanwhile, and a claim has at most
// 20 tasks, so this many rounds always settle.
const approvalAttempts = 25;

/**
 * Counts an approved task toward its claim, once; the approval that covers the last task
 * completes it and emits `claim.completed.v1`, exactly once however approvals race. A claim that
 * ended otherwise (withdrawn, rejected) takes no approval: `invalid_state`.
 */
export async function countApproval(deps: ClaimOutcomeDeps, submission: Pick<Submission, "claimId" | "taskId">): Promise<void> {
  const { claimId, taskId } = submission;
  const updated = await updateAggregate(
    deps.claims,
    claimId,
    (current) => {
      const next = withTaskApproved(current, taskId, deps.clock.now());
      if (next === current) return null;
      const now = deps.clock.now();
      const completed =
        next.status === "completed" && current.status !== "completed"
          ? [domainEvent("claim.completed.v1", next.orgId, { claimId, opportunityId: next.opportunityId, userId: next.userId, completedAt: now.toISOString() }, deps.ids.next("evt"), now)]
          : [];
      return { next, events: completed };
    },
    { attempts: approvalAttempts },
  );
  if (!updated) throw new AppError("not_found", "claim not found");
  if (updated.status === "completed") await dispatchEvents(deps, { aggregate: "claim", id: claimId });
}

/**
 * Rejects the claim of a submission that was its task's last attempt (`claim.rejected.v1`) and
 * gives its place back, once: a repeat finds it rejected and only makes sure the place went back.
 * A claim that ended otherwise meanwhile stays as it ended.
 */
export async function rejectClaimOf(deps: ClaimOutcomeDeps, submission: Pick<Submission, "claimId" | "taskId">): Promise<void> {
  const { claimId, taskId } = submission;
  const saved = await updateAggregate(deps.claims, claimId, (current) => {
    if (current.status !== "active") return null;
    const now = deps.clock.now();
    const next = rejected(current, now);
    const event = domainEvent("claim.rejected.v1", next.orgId, { claimId, opportunityId: next.opportunityId, userId: next.userId, taskId, rejectedAt: now.toISOString() }, deps.ids.next("evt"), now);
    return { next, events: [event] };
  });
  if (!saved) return;
  await returnPlaceOf(deps, saved);
  await dispatchEvents(deps, { aggregate: "claim", id: claimId });
}
