import type { OpportunityIn, OpportunityStatus, Question, Reward, Task } from "../../contracts/opportunities.js";
import { AppError } from "../app-error.js";

export interface Opportunity {
  id: string;
  orgId: string;
  title: string;
  description: string;
  status: OpportunityStatus;
  tasks: Task[];
  reward: Reward;
  targeting: OpportunityIn["targeting"];
  capacity: number;
  /** Claims taken so far; a claim is only recorded while this is below `capacity`. */
  claimsCount: number;
  timeAllowedMinutes: number;
  reviewPolicy: OpportunityIn["reviewPolicy"];
  expiresAt: Date | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A new draft, after the checks a schema alone cannot make. */
export function draftOpportunity(input: OpportunityIn, id: string, now: Date): Opportunity {
  assertUnique(input.tasks.map((t) => t.id), "task ids");
  for (const task of input.tasks) {
    if (task.type === "survey") assertQuestionsValid(task.questions);
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw invalid("expiresAt must be in the future");
  const { ageRange } = input.targeting;
  if (ageRange && ageRange.min > ageRange.max) throw invalid("targeting.ageRange.min must not exceed max");
  return {
    id,
    orgId: input.orgId,
    title: input.title,
    description: input.description,
    status: "draft",
    tasks: input.tasks,
    reward: input.reward,
    targeting: input.targeting,
    capacity: input.capacity,
    claimsCount: 0,
    timeAllowedMinutes: input.timeAllowedMinutes,
    reviewPolicy: input.reviewPolicy,
    expiresAt,
    publishedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The statuses an opportunity may move to from each status. */
const transitions: Record<OpportunityStatus, readonly OpportunityStatus[]> = {
  draft: ["active", "archived"],
  active: ["paused", "completed"],
  paused: ["active", "completed"],
  completed: ["archived"],
  archived: [],
};

export function assertTransition(from: OpportunityStatus, to: OpportunityStatus): void {
  if (!transitions[from].includes(to)) {
    throw new AppError("invalid_state", `an opportunity that is ${from} cannot become ${to}`, { status: from });
  }
}

/** Whether a participant may claim it now. */
export function assertClaimable(opportunity: Opportunity, now: Date): void {
  if (opportunity.status !== "active") {
    throw new AppError("invalid_state", "this opportunity is not open for claims", { status: opportunity.status });
  }
  if (opportunity.expiresAt && opportunity.expiresAt <= now) {
    throw new AppError("invalid_state", "this opportunity has expired");
  }
  if (opportunity.claimsCount >= opportunity.capacity) {
    throw new AppError("capacity_exhausted", "every place of this opportunity is taken");
  }
}

function assertQuestionsValid(questions: Question[]): void {
  assertUnique(questions.map((q) => q.id), "question ids");
  for (const question of questions) {
    if (question.type === "number" && question.min !== undefined && question.max !== undefined && question.min > question.max) {
      throw invalid(`question ${question.id}: min must not exceed max`);
    }
    if (question.type === "single_choice" || question.type === "multiple_choice") {
      assertUnique(question.choices.map((c) => c.value), `choices of question ${question.id}`);
    }
  }
}

function assertUnique(values: string[], what: string): void {
  const duplicate = values.find((value, index) => values.indexOf(value) !== index);
  if (duplicate !== undefined) throw invalid(`${what} must be unique; "${duplicate}" repeats`);
}

const invalid = (message: string) => new AppError("validation_failed", message);
