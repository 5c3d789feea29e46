import { AppError } from "../../domain/app-error.js";
import { expired, isPastDeadline, type Claim } from "../../domain/claims/claim.js";
import { isDeadlineCheck } from "../../domain/claims/deadline-check.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { SubmissionRepository } from "../../ports/submission-repository.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { returnPlaceOf } from "./return-place.js";
import { scheduleDeadlineCheck } from "./schedule-deadline-check.js";
import type { MonthlyChargeDeps } from "./monthly-charge.js";

export type ExpireClaimDeps = DispatchDeps & MonthlyChargeDeps & {
  opportunities: OpportunityRepository;
  claims: ClaimRepository;
  submissions: SubmissionRepository;
  ids: Ids;
  clock: Clock;
};

export type ClaimExpiryOutcome = "expired" | "expired_before" | "ended" | "rescheduled" | "awaiting_review" | "gone";

/**
 * The deadline check a task runs (and the reconciliation, for a claim whose task was lost):
 * expires the claim (`claim.expired.v1`) only if it is still active and its deadline has come,
 * and gives its place back. A completed or withdrawn claim is left alone (`ended`). A check a
 * moment early is retried; a hop toward a deadline further than Cloud Tasks schedules schedules
 * the next check. Work submitted in time and still awaiting review keeps the claim running
 * (`awaiting_review`): a participant does not lose a claim to a slow reviewer, and the decision
 * expires it then if it leaves the claim unfinished. The claim is saved against the version read, so an expiry racing the
 * submission that completes the claim leaves one of them. The place goes back in its own guarded
 * update, keyed on the claim: running this twice expires once and returns one place, and a second
 * run finishes a return a crash interrupted (`expired_before`).
 */
export async function expireClaim(deps: ExpireClaimDeps, check: { claimId: string; checkAt: Date }): Promise<ClaimExpiryOutcome> {
  // No submission can be made past the deadline, so none can start waiting after this read.
  if ((await deps.submissions.allOfClaim(check.claimId)).some((submission) => submission.status === "needs_review")) return "awaiting_review";
  let outcome = "gone" as ClaimExpiryOutcome;
  const nothingToDo = (why: ClaimExpiryOutcome) => {
    outcome = why;
    return null;
  };
  const saved = await updateAggregate(deps.claims, check.claimId, async (current) => {
    const now = deps.clock.now();
    if (current.status === "expired") return nothingToDo("expired_before");
    if (current.status !== "active") return nothingToDo("ended");
    if (!isPastDeadline(current, now)) {
      // The check at the deadline ran a moment early (clocks differ): thrown as transient, Cloud Tasks runs it again shortly.
      if (isDeadlineCheck(current.deadline, check.checkAt)) throw new AppError("unavailable", "the deadline of this claim has not passed yet");
      // A hop toward a deadline further than Cloud Tasks schedules: the next check, or the one at the deadline.
      await scheduleDeadlineCheck(deps, current);
      return nothingToDo("rescheduled");
    }
    const next = expired(current, now);
    outcome = "expired";
    return { next, events: [expiredEvent(deps, next, now)] };
  });
  if (saved && (outcome === "expired" || outcome === "expired_before")) {
    await returnPlaceOf(deps, saved);
    await dispatchEvents(deps, { aggregate: "claim", id: check.claimId });
  }
  return outcome;
}

function expiredEvent(deps: ExpireClaimDeps, claim: Claim, now: Date) {
  return domainEvent(
    "claim.expired.v1",
    claim.orgId,
    { claimId: claim.id, opportunityId: claim.opportunityId, userId: claim.userId, deadline: claim.deadline.toISOString(), expiredAt: now.toISOString() },
    deps.ids.next("evt"),
    now,
  );
}
