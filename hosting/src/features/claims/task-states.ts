import type { Claim, Opportunity, Submission } from "@user-x/sdk";

type Task = Opportunity["tasks"][number];

/** Where a task of a claim stands, from the claim's progress and the task's latest submission. */
export type TaskState =
  | { kind: "done" }
  | { kind: "waiting_review" }
  /** Not submitted yet, or its last attempt was rejected and attempts remain (`lastRejection` says why). */
  | { kind: "open"; attemptsLeft: number; lastRejection: Submission | null }
  | { kind: "out_of_attempts"; lastRejection: Submission };

/**
 * Each task's state, in the opportunity's order. A task approved counts from the claim's progress
 * (or a submission just approved), so the page is right before the list is read again.
 */
export function taskStates(claim: Claim, opportunity: Pick<Opportunity, "tasks" | "maxAttempts">, submissions: readonly Submission[], justDone: ReadonlySet<string>): Map<string, TaskState> {
  const states = new Map<string, TaskState>();
  for (const task of opportunity.tasks) states.set(task.id, stateOf(task, claim, opportunity.maxAttempts, submissions, justDone));
  return states;
}

function stateOf(task: Task, claim: Claim, maxAttempts: number, submissions: readonly Submission[], justDone: ReadonlySet<string>): TaskState {
  if (claim.progress.completedTaskIds.includes(task.id) || justDone.has(task.id)) return { kind: "done" };
  const latest = submissions.filter((s) => s.taskId === task.id).reduce<Submission | null>((last, s) => (!last || s.attempt > last.attempt ? s : last), null);
  if (!latest) return { kind: "open", attemptsLeft: maxAttempts, lastRejection: null };
  if (latest.status === "approved") return { kind: "done" };
  if (latest.status === "needs_review") return { kind: "waiting_review" };
  const attemptsLeft = Math.max(0, maxAttempts - latest.attempt);
  return attemptsLeft > 0 ? { kind: "open", attemptsLeft, lastRejection: latest } : { kind: "out_of_attempts", lastRejection: latest };
}

/** The task to work on now: the first, in order, that is open. Tasks awaiting review do not hold up the next. */
export function currentTask(opportunity: Pick<Opportunity, "tasks">, states: ReadonlyMap<string, TaskState>): Task | undefined {
  return opportunity.tasks.find((task) => task.type !== "upload" && states.get(task.id)?.kind === "open");
}
