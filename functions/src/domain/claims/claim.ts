import type { ClaimStatus } from "../../contracts/claims.js";
import { AppError } from "../app-error.js";
import type { Opportunity } from "../opportunities/opportunity.js";

export interface Claim {
  id: string;
  opportunityId: string;
  orgId: string;
  userId: string;
  status: ClaimStatus;
  /** Tasks with an approved submission; progress counts these. */
  completedTaskIds: string[];
  totalTasks: number;
  deadline: Date;
  createdAt: Date;
  completedAt: Date | null;
}

/** A new active claim: the participant has `timeAllowedMinutes`, and never past the opportunity's expiry. */
export function openClaim(opportunity: Opportunity, userId: string, id: string, now: Date): Claim {
  const allowed = new Date(now.getTime() + opportunity.timeAllowedMinutes * 60_000);
  const deadline = opportunity.expiresAt && opportunity.expiresAt < allowed ? opportunity.expiresAt : allowed;
  return {
    id,
    opportunityId: opportunity.id,
    orgId: opportunity.orgId,
    userId,
    status: "active",
    completedTaskIds: [],
    totalTasks: opportunity.tasks.length,
    deadline,
    createdAt: now,
    completedAt: null,
  };
}

export function assertAcceptsSubmissions(claim: Claim, now: Date): void {
  if (claim.status !== "active") {
    throw new AppError("invalid_state", `this claim is ${claim.status}`, { status: claim.status });
  }
  if (claim.deadline <= now) throw new AppError("invalid_state", "the time allowed for this claim has passed");
}

/** The claim once `taskId` is approved: completed when it was the last task outstanding. */
export function withTaskApproved(claim: Claim, taskId: string, now: Date): Claim {
  if (claim.completedTaskIds.includes(taskId)) return claim;
  const completedTaskIds = [...claim.completedTaskIds, taskId];
  const done = completedTaskIds.length >= claim.totalTasks;
  return { ...claim, completedTaskIds, status: done ? "completed" : claim.status, completedAt: done ? now : null };
}

export function progressOf(claim: Claim): { completedTasks: number; totalTasks: number } {
  return { completedTasks: claim.completedTaskIds.length, totalTasks: claim.totalTasks };
}
