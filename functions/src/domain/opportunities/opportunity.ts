import { z } from "zod";
import { CompletionReason, OpportunityOut, type OpportunityIn, type Question } from "../../contracts/opportunities.js";
import { firstVersion, Version } from "../aggregate.js";
import { AppError } from "../app-error.js";
import { noPlaceLeft, placeLimit } from "./budget.js";
import { statusAfter, type OpportunityTransition } from "./lifecycle.js";

/** A campaign of tasks that participants claim and complete for a reward. */
export const Opportunity = OpportunityOut.extend({
  expiresAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  // Opportunities stored before completion existed have neither field.
  completedAt: z.date().nullable().default(null),
  completionReason: CompletionReason.nullable().default(null),
  // Opportunities stored before review existed have neither field: one attempt each, as then.
  maxAttempts: z.number().int().default(1),
  autoApproveAfterDays: z.number().int().nullable().default(null),
  // Opportunities stored before repeat claims existed took one claim per participant.
  maxClaimsPerUser: z.number().int().default(1),
  claimCooldownMinutes: z.number().int().default(0),
  // Opportunities stored before budgets existed have none.
  budget: z.number().int().nullable().default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: Version,
});
export type Opportunity = z.infer<typeof Opportunity>;

/** A new draft, after the checks a schema alone cannot make. */
export function draftOpportunity(input: OpportunityIn, id: string, now: Date): Opportunity {
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  assertDraftValid({ ...input, expiresAt }, now);
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
    maxAttempts: input.maxAttempts,
    autoApproveAfterDays: input.autoApproveAfterDays,
    maxClaimsPerUser: input.maxClaimsPerUser,
    claimCooldownMinutes: input.claimCooldownMinutes,
    budget: input.budget,
    expiresAt,
    publishedAt: null,
    completedAt: null,
    completionReason: null,
    createdAt: now,
    updatedAt: now,
    version: firstVersion,
  };
}

/**
 * The checks of a draft's fields that a schema alone cannot make; made when the draft is created
 * and again on every change to it, so that no draft is ever stored that these would refuse.
 */
export function assertDraftValid(draft: Pick<Opportunity, "tasks" | "targeting" | "expiresAt">, now: Date): void {
  assertUnique(draft.tasks.map((t) => t.id), "task ids");
  for (const task of draft.tasks) {
    if (task.type === "survey") assertQuestionsValid(task.questions);
  }
  if (draft.expiresAt && draft.expiresAt <= now) throw invalid("expiresAt must be in the future");
  const { ageRange } = draft.targeting;
  if (ageRange && ageRange.min > ageRange.max) throw invalid("targeting.ageRange.min must not exceed max");
}

/**
 * The opportunity after one move of its life (lifecycle.ts says which are legal). Opening it for
 * claims (publish, resume) is refused once it has expired: it would take claims no participant
 * has time left for. Publishing also needs everything the draft promises to be possible today.
 * An illegal move throws and changes nothing.
 */
export function transitioned(opportunity: Opportunity, transition: OpportunityTransition, now: Date, reason: CompletionReason = "manual"): Opportunity {
  const status = statusAfter(opportunity.status, transition);
  if (status === "active" && opportunity.expiresAt && opportunity.expiresAt <= now) {
    throw new AppError("invalid_state", "this opportunity has already expired", { currentStatus: opportunity.status, transition });
  }
  if (transition === "publish") assertSupported(opportunity);
  const next: Opportunity = { ...opportunity, status, updatedAt: now };
  if (transition === "publish") return { ...next, publishedAt: now };
  if (transition === "complete") return { ...next, completedAt: now, completionReason: reason };
  return next;
}

/**
 * The opportunity opened for claims. Only a draft is published, only before it expires, and only
 * when everything it promises can be carried out today: a campaign whose tasks cannot be verified
 * or whose reward cannot be paid would take claims that can never complete.
 */
export const published = (opportunity: Opportunity, now: Date): Opportunity => transitioned(opportunity, "publish", now);

function assertSupported(opportunity: Opportunity): void {
  const unsupported = unsupportedFeatures(opportunity);
  if (unsupported.length > 0) {
    throw new AppError("not_supported", `this opportunity cannot be published yet: ${unsupported.join("; ")}`, { unsupported });
  }
}

/** What the opportunity asks for that the platform cannot carry out yet; planned in later releases. */
// Every task type (uploads since the media store) and every reward type can be carried out now:
// nothing is refused, and the check stays for the next feature a draft may describe before it works.
export function unsupportedFeatures(_opportunity: Pick<Opportunity, "tasks" | "reward">): string[] {
  return [];
}

/** Whether it was ever published: a draft, or a deleted one, was never shown outside its organization. */
export const wasPublished = (opportunity: Pick<Opportunity, "status">): boolean => opportunity.status !== "draft" && opportunity.status !== "deleted";

/**
 * Whether any signed-in caller may see it: while it takes claims, is paused, or has completed
 * (participants holding claims on it still look it up); drafts and archived ones stay with the organization.
 */
export const isPubliclyVisible = (opportunity: Pick<Opportunity, "status">): boolean => ["active", "paused", "completed"].includes(opportunity.status);

/**
 * Whether nothing is left to happen on it: every place is taken, and every claim holding one has
 * ended. A place taken whose claim is not written yet counts as a claim still running.
 */
export const isCapacityUsedUp = (opportunity: Pick<Opportunity, "capacity" | "claimsCount" | "budget" | "reward">, endedClaims: number): boolean =>
  opportunity.claimsCount >= placeLimit(opportunity) && endedClaims >= opportunity.claimsCount;

/** Whether a participant may claim it now, places left (and the budget for them) included. */
export function assertClaimable(opportunity: Opportunity, now: Date): void {
  assertOpenForClaims(opportunity, now);
  if (opportunity.claimsCount >= placeLimit(opportunity)) throw noPlaceLeft(opportunity);
}

/** Whether it takes claims now, whatever places are left: a participant who holds a place may still write their claim. */
export function assertOpenForClaims(opportunity: Opportunity, now: Date): void {
  if (opportunity.status !== "active") {
    throw new AppError("invalid_state", "this opportunity is not open for claims", { status: opportunity.status });
  }
  if (opportunity.expiresAt && opportunity.expiresAt <= now) {
    throw new AppError("invalid_state", "this opportunity has expired");
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
