import { createHash } from "node:crypto";
import { z } from "zod";
import { ClaimOut } from "../../contracts/claims.js";
import { firstVersion, Version } from "../aggregate.js";
import { AppError } from "../app-error.js";
import type { Opportunity } from "../opportunities/opportunity.js";
import { MonthlyCharge } from "../organizations/monthly-budget.js";

/** A participant's place on an opportunity, and their progress through its tasks. */
export const Claim = ClaimOut.omit({ progress: true }).extend({
  // Claims stored before repeat claims existed were each their participant's only one.
  sequence: z.number().int().min(1).default(1),
  /** Tasks with an approved submission; the API shows their count as progress. */
  completedTaskIds: z.array(z.string()),
  totalTasks: z.number().int().positive(),
  /** The tasks that must be approved for the claim to complete; null on claims stored before optional tasks, where every task must. */
  requiredTaskIds: z.array(z.string()).nullable().default(null),
  deadline: z.date(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  // Claims stored before withdrawal existed have no such field.
  withdrawnAt: z.date().nullable().default(null),
  rejectedAt: z.date().nullable().default(null),
  // Claims stored before expiry existed have no such field.
  expiredAt: z.date().nullable().default(null),
  /**
   * The request that created the claim, as `requestKeyOf` its Idempotency-Key; null when it sent
   * none. A retry of that request is answered with the claim, as the first answer would have been.
   */
  requestKey: z.string().nullable().default(null),
  /** What the claim was charged on its organization's monthly budget; null on claims stored before monthly budgets. */
  monthlyCharge: MonthlyCharge.nullable().default(null),
  version: Version,
});
export type Claim = z.infer<typeof Claim>;

/** How a new claim came to be: the request that asked for it (`requestKeyOf` its Idempotency-Key), and which of its participant's claims of the opportunity it is. */
export interface ClaimOrigin {
  requestKey?: string | null;
  sequence?: number;
  monthlyCharge?: MonthlyCharge | null;
}

/** A new active claim: the participant has `timeAllowedMinutes`, and never past the opportunity's expiry. */
export function openClaim(opportunity: Opportunity, userId: string, id: string, now: Date, { requestKey = null, sequence = 1, monthlyCharge = null }: ClaimOrigin = {}): Claim {
  const allowed = new Date(now.getTime() + opportunity.timeAllowedMinutes * 60_000);
  const deadline = opportunity.expiresAt && opportunity.expiresAt < allowed ? opportunity.expiresAt : allowed;
  return {
    id,
    opportunityId: opportunity.id,
    orgId: opportunity.orgId,
    userId,
    sequence,
    status: "active",
    completedTaskIds: [],
    totalTasks: opportunity.tasks.length,
    requiredTaskIds: opportunity.tasks.filter((task) => task.required).map((task) => task.id),
    deadline,
    createdAt: now,
    completedAt: null,
    withdrawnAt: null,
    rejectedAt: null,
    expiredAt: null,
    requestKey,
    monthlyCharge,
    version: firstVersion,
  };
}

/** What a claim keeps of an Idempotency-Key: a hash, so that the key a client chose is never stored. */
export function requestKeyOf(idempotencyKey: string): string {
  return createHash("sha256").update(idempotencyKey).digest("base64url");
}

/** Whether the request bearing `requestKey` is the one that created the claim, sent again. */
export function isCreatedBy(claim: Claim, requestKey: string | null): boolean {
  return requestKey !== null && claim.requestKey === requestKey;
}

/** What records born of a claim (its submissions, its reward) carry to point back at it. */
export function claimReference(claim: Pick<Claim, "id" | "opportunityId" | "orgId" | "userId">) {
  return { claimId: claim.id, opportunityId: claim.opportunityId, orgId: claim.orgId, userId: claim.userId };
}

export function assertAcceptsSubmissions(claim: Claim, now: Date): void {
  if (claim.status !== "active") {
    throw new AppError("invalid_state", `this claim is ${claim.status}`, { currentStatus: claim.status });
  }
  if (isPastDeadline(claim, now)) throw new AppError("invalid_state", "the time allowed for this claim has passed");
}

/**
 * The claim once `taskId` is approved: completed when it was the last required task outstanding. The same
 * claim when the task was approved already, so approving twice changes nothing. An active claim
 * takes approvals, and a completed one its optional tasks'; one that ended otherwise, none.
 */
export function withTaskApproved(claim: Claim, taskId: string, now: Date): Claim {
  if (claim.completedTaskIds.includes(taskId)) return claim;
  // Optional work a reviewer approves after the required tasks completed the claim: counted, and nothing else changes.
  if (claim.status === "completed") return { ...claim, completedTaskIds: [...claim.completedTaskIds, taskId] };
  if (claim.status !== "active") {
    throw new AppError("invalid_state", `this claim is ${claim.status}`, { currentStatus: claim.status });
  }
  const completedTaskIds = [...claim.completedTaskIds, taskId];
  const done = claim.requiredTaskIds ? claim.requiredTaskIds.every((id) => completedTaskIds.includes(id)) : completedTaskIds.length >= claim.totalTasks;
  return { ...claim, completedTaskIds, status: done ? "completed" : "active", completedAt: done ? now : null };
}

/**
 * The claim given up by its participant: its place goes back to the opportunity. Only an active
 * claim can be withdrawn; a completed one has used its place, and a withdrawn one gave it back already.
 */
export function withdrawn(claim: Claim, now: Date): Claim {
  if (claim.status !== "active") {
    throw new AppError("invalid_state", `this claim is ${claim.status}`, { currentStatus: claim.status });
  }
  return { ...claim, status: "withdrawn", withdrawnAt: now };
}

/**
 * The claim once a task's last attempt was rejected: it can never complete, and its place goes
 * back. Only an active claim is rejected; one that ended otherwise stays as it ended.
 */
export function rejected(claim: Claim, now: Date): Claim {
  if (claim.status !== "active") {
    throw new AppError("invalid_state", `this claim is ${claim.status}`, { currentStatus: claim.status });
  }
  return { ...claim, status: "rejected", rejectedAt: now };
}

/** Whether the claim's time has run out at `now`: its deadline is the last instant it takes work. */
export const isPastDeadline = (claim: Pick<Claim, "deadline">, now: Date): boolean => claim.deadline <= now;

/**
 * The claim expired: still active when its deadline passed, it gives its place back. A completed
 * or withdrawn claim has ended otherwise, and one whose deadline has not come keeps running.
 */
export function expired(claim: Claim, now: Date): Claim {
  if (claim.status !== "active") {
    throw new AppError("invalid_state", `this claim is ${claim.status}`, { currentStatus: claim.status });
  }
  if (!isPastDeadline(claim, now)) throw new AppError("invalid_state", "the deadline of this claim has not passed", { deadline: claim.deadline.toISOString() });
  return { ...claim, status: "expired", expiredAt: now };
}

/** The statuses of a claim that ended without using its place, which went back to the opportunity. */
export const placeReturningStatuses = ["withdrawn", "expired", "rejected"] as const satisfies readonly Claim["status"][];

/** Whether a claim in `status` gave its place back to the opportunity (withdrawn, expired or rejected). */
export const gaveBackPlace = (status: Claim["status"]): boolean => (placeReturningStatuses as readonly string[]).includes(status);

export function progressOf(claim: Claim): ClaimOut["progress"] {
  return { completedTasks: claim.completedTaskIds.length, totalTasks: claim.totalTasks, completedTaskIds: [...claim.completedTaskIds] };
}
