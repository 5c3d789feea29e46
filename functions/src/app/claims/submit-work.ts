import type { SubmissionIn, SubmissionOut } from "../../contracts/claims.js";
import { AppError } from "../../domain/app-error.js";
import { assertAcceptsSubmissions } from "../../domain/claims/claim.js";
import { verifySurvey } from "../../domain/claims/submission.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { ClaimRepository, OpportunityRepository, SubmissionRepository } from "../../ports/repositories.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import { dispatchEvents, type RelayDeps } from "../events/relay-outbox.js";
import { presentSubmission } from "./present.js";

export type SubmitWorkDeps = RelayDeps & {
  opportunities: OpportunityRepository;
  claims: ClaimRepository;
  submissions: SubmissionRepository;
  tasks: TaskQueue;
  ids: Ids;
  clock: Clock;
};

/**
 * Records a submission for one task of the caller's claim and verifies it. An approved task
 * counts towards the claim; the approval that covers the last task completes the claim and
 * emits `claim.completed.v1`, exactly once however approvals race.
 */
export async function submitWork(deps: SubmitWorkDeps, principal: Principal, claimId: string, input: SubmissionIn): Promise<SubmissionOut> {
  const userId = requireUser(principal);
  const now = deps.clock.now();
  const claim = await deps.claims.findById(claimId);
  if (!claim || claim.userId !== userId) throw new AppError("not_found", "claim not found");
  assertAcceptsSubmissions(claim, now);
  const opportunity = await deps.opportunities.findById(claim.opportunityId);
  if (!opportunity) throw new AppError("not_found", "opportunity not found");
  const task = opportunity.tasks.find((t) => t.id === input.taskId);
  if (!task) {
    throw new AppError("validation_failed", `the opportunity has no task ${input.taskId}`, { errors: [{ location: "body.taskId", message: "no such task" }] });
  }
  if (claim.completedTaskIds.includes(task.id)) throw new AppError("invalid_state", `task ${task.id} is already approved`);

  const verdict = verifySurvey(task, input.answers, opportunity.reviewPolicy);
  const submission = { id: deps.ids.next("sub"), claimId, opportunityId: claim.opportunityId, orgId: claim.orgId, userId, taskId: task.id, answers: input.answers, ...verdict, createdAt: now };
  await deps.submissions.insert(submission);

  if (submission.status === "approved") {
    const completed = domainEvent("claim.completed.v1", claim.orgId, { claimId, opportunityId: claim.opportunityId, userId, completedAt: now.toISOString() }, deps.ids.next("evt"), now);
    const updated = await deps.claims.approveTask(claimId, task.id, { at: now, events: [completed] });
    if (updated?.status === "completed") await dispatchEvents(deps, { collection: "claims", id: claimId });
  }
  return presentSubmission(submission);
}
