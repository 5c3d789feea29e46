import type { SubmissionIn, SubmissionOut } from "../../contracts/claims.js";
import type { Task } from "../../contracts/opportunities.js";
import type { NearDuplicate } from "../../domain/media/upload-checks.js";
import { AppError } from "../../domain/app-error.js";
import { assertAcceptsSubmissions, requestKeyOf } from "../../domain/claims/claim.js";
import { nextAttempt, recordSubmission } from "../../domain/claims/submission.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { MediaAssetRepository } from "../../ports/media-asset-repository.js";
import type { MediaHashIndex } from "../../ports/media-hash-index.js";
import type { SubmissionRepository } from "../../ports/submission-repository.js";
import { dispatchEvents } from "../events/relay-outbox.js";
import { applyDecisionToClaim } from "../submissions/apply-decision.js";
import { scheduleAutoApproval } from "../submissions/schedule-auto-approval.js";
import { creationEvents } from "../submissions/submission-events.js";
import { isConflict } from "../shared/update-aggregate.js";
import type { ClaimOutcomeDeps } from "./claim-outcomes.js";
import { presentSubmission } from "./present.js";

export type SubmitWorkDeps = ClaimOutcomeDeps & { submissions: SubmissionRepository; mediaAssets: MediaAssetRepository; mediaHashes: MediaHashIndex };

/**
 * Records a submission for one task of the caller's claim as the task's next attempt, verifies it,
 * and decides it as far as the review policy lets the checks (`submission.created.v1`, and
 * `submission.approved|rejected.v1` when decided). An approval counts toward the claim, and the
 * one covering the last task completes it; the rejection of a task's last attempt rejects it.
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
  const opportunity = await deps.opportunities.findById(claim.opportunityId);
  if (!opportunity) throw new AppError("not_found", "opportunity not found");
  const requestKey = request.idempotencyKey === undefined ? null : requestKeyOf(request.idempotencyKey);
  // A retry whose first answer was lost (after a 5xx the key's stored answer is forgotten): the
  // submission that request made is the answer, and what it did not get to do to the claim is done now.
  const earlier = requestKey === null ? null : await deps.submissions.findByRequest(claimId, requestKey);
  if (earlier) {
    await applyDecisionToClaim(deps, earlier, opportunity);
    await dispatchEvents(deps, { aggregate: "submission", id: earlier.id });
    return presentSubmission(earlier);
  }
  assertAcceptsSubmissions(claim, now);
  const task = opportunity.tasks.find((t) => t.id === input.taskId);
  if (!task) {
    throw new AppError("validation_failed", `the opportunity has no task ${input.taskId}`, { errors: [{ location: "body.taskId", message: "no such task" }] });
  }
  const attempt = nextAttempt(await deps.submissions.allOfClaim(claimId), task.id, opportunity.maxAttempts);
  const work = input.media ? { ...(await uploadedWork(deps, claim.opportunityId, claimId, task, input.media)), captureWindow: { from: claim.createdAt, to: now } } : input.proof ? { proof: input.proof } : { answers: input.answers ?? {} };
  const submission = recordSubmission(claim, task, work, opportunity, attempt, deps.ids.next("sub"), now, requestKey);
  await scheduleAutoApproval(deps, submission);
  try {
    await deps.submissions.insert(submission, creationEvents(deps.ids, submission, opportunity.maxAttempts));
  } catch (error) {
    if (!isConflict(error)) throw error;
    throw new AppError("invalid_state", `another submission of task ${task.id} was made at the same time; reload the claim`);
  }
  await applyDecisionToClaim(deps, submission, opportunity);
  await dispatchEvents(deps, { aggregate: "submission", id: submission.id });
  return presentSubmission(submission);
}

/** The files named, each one stored for this task of this claim (its upload was signed for them and the store notified us). */
async function uploadedFiles(deps: Pick<SubmitWorkDeps, "mediaAssets">, claimId: string, taskId: string, mediaIds: readonly string[]) {
  const stored = new Map((await deps.mediaAssets.listByClaim(claimId)).filter((asset) => asset.taskId === taskId).map((asset) => [asset.id, asset]));
  const errors = mediaIds.flatMap((id, index) =>
    stored.has(id) ? [] : [{ location: `body.media.${index}`, message: "no file of this task has this id: upload it first, and wait until it is stored" }],
  );
  if (new Set(mediaIds).size !== mediaIds.length) errors.push({ location: "body.media", message: "name each file once" });
  if (errors.length > 0) throw new AppError("validation_failed", "some files are not uploaded to this task", { errors });
  return mediaIds.map((id) => stored.get(id)!);
}

/**
 * The files of an upload submission and their near duplicates among the opportunity's pictures of
 * other claims (a participant's own earlier attempts are not duplicates of their work).
 */
async function uploadedWork(deps: Pick<SubmitWorkDeps, "mediaAssets" | "mediaHashes">, opportunityId: string, claimId: string, task: Task, mediaIds: readonly string[]) {
  const media = await uploadedFiles(deps, claimId, task.id, mediaIds);
  const maxDistance = task.type === "upload" ? task.media.thresholds.duplicateDistance : 0;
  const duplicates: NearDuplicate[] = [];
  for (const file of media) {
    if (!file.analysis) continue;
    for (const near of await deps.mediaHashes.near(opportunityId, file.analysis.hash, maxDistance)) {
      if (near.claimId !== claimId) duplicates.push({ mediaId: file.id, claimId: near.claimId, publicId: near.publicId, distance: near.distance });
    }
  }
  return { media, duplicates };
}
