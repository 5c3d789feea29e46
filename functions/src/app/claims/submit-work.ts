import type { SubmissionIn, SubmissionOut } from "../../contracts/claims.js";
import { AppError } from "../../domain/app-error.js";
import { assertAcceptsSubmissions, requestKeyOf, withTaskApproved } from "../../domain/claims/claim.js";
import { recordSubmission } from "../../domain/claims/submission.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { SubmissionRepository } from "../../ports/submission-repository.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { presentSubmission } from "./present.js";

export type SubmitWorkDeps = DispatchDeps & {
  opportunities: OpportunityRepository;
  claims: ClaimRepository;
  submissions: SubmissionRepository;
  ids: Ids;
  clock: Clock;
};

// Each lost race means another task of the claim was approved meanwhile, and a claim has at most
// 20 tasks, so this many rounds always settle.
const approvalAttempts = 25;

/**
 * Records a submission for one task of the caller's claim and verifies it. An approved task
 * counts towards the claim; the approval that covers the last task completes the claim and
 * emits `claim.completed.v1`, exactly once however approvals race.
 */
export async function submitWork(
  deps: SubmitWorkDeps,
  principal: Principal,
  claimId: string,
  input: SubmissionIn,
  request: { idempotencyKey?: string | undefined } = {},
): Promise<SubmissionOut> {
  const userId = requireUser(principal);
  const now = deps.clock.now();
  const claim = await deps.claims.findById(claimId);
  if (!claim || claim.userId !== userId) throw new AppError("not_found", "claim not found");
  const requestKey = request.idempotencyKey === undefined ? null : requestKeyOf(request.idempotencyKey);
  // A retry whose first answer was lost (after a 5xx the key's stored answer is forgotten): the
  // submission that request made is the answer, and an approval it did not get to count is counted now.
  const earlier = requestKey === null ? null : await deps.submissions.findByRequest(claimId, requestKey);
  if (earlier) {
    if (earlier.status === "approved") await countApproval(deps, claimId, earlier.taskId, userId, now);
    return presentSubmission(earlier);
  }
  assertAcceptsSubmissions(claim, now);
  const opportunity = await deps.opportunities.findById(claim.opportunityId);
  if (!opportunity) throw new AppError("not_found", "opportunity not found");
  const task = opportunity.tasks.find((t) => t.id === input.taskId);
  if (!task) {
    throw new AppError("validation_failed", `the opportunity has no task ${input.taskId}`, { errors: [{ location: "body.taskId", message: "no such task" }] });
  }
  if (claim.completedTaskIds.includes(task.id)) throw new AppError("invalid_state", `task ${task.id} is already approved`);

  const submission = recordSubmission(claim, task, input.answers, opportunity.reviewPolicy, deps.ids.next("sub"), now, requestKey);
  await deps.submissions.insert(submission);
  if (submission.status === "approved") await countApproval(deps, claimId, task.id, userId, now);
  return presentSubmission(submission);
}

/** Counts an approved task toward its claim, once; the approval that covers the last task completes it. */
async function countApproval(deps: SubmitWorkDeps, claimId: string, taskId: string, userId: string, now: Date): Promise<void> {
  const updated = await updateAggregate(
    deps.claims,
    claimId,
    (current) => {
      if (current.completedTaskIds.includes(taskId)) return null;
      const next = withTaskApproved(current, taskId, now);
      if (next === current) return null;
      const completed = next.status === "completed"
        ? [domainEvent("claim.completed.v1", next.orgId, { claimId, opportunityId: next.opportunityId, userId, completedAt: now.toISOString() }, deps.ids.next("evt"), now)]
        : [];
      return { next, events: completed };
    },
    { attempts: approvalAttempts },
  );
  if (updated?.status === "completed") await dispatchEvents(deps, { aggregate: "claim", id: claimId });
}
