import type { Claim, Opportunity, Submission } from "@user-x/sdk";
import { describe, expect, it } from "vitest";
import { currentTask, taskStates } from "../../src/features/claims/task-states";

const task = (id: string, type: "survey" | "social" | "upload" = "survey") => ({ id, type, title: id, required: true }) as unknown as Opportunity["tasks"][number];
const opportunity = { tasks: [task("first"), task("second", "social"), task("third")], maxAttempts: 2 };
const claim = (completedTaskIds: string[] = []) => ({ progress: { completedTasks: completedTaskIds.length, totalTasks: 3, completedTaskIds } }) as unknown as Claim;
const submission = (taskId: string, attempt: number, status: Submission["status"]) => ({ taskId, attempt, status }) as Submission;

describe("taskStates", () => {
  it("opens every task with all its attempts before anything is submitted; the first is current", () => {
    const states = taskStates(claim(), opportunity, [], new Set());
    expect(states.get("first")).toEqual({ kind: "open", attemptsLeft: 2, lastRejection: null });
    expect(currentTask(opportunity, states)?.id).toBe("first");
  });

  it("lets the participant go on while a task awaits review, and again after a rejection with attempts left", () => {
    const rejected = submission("second", 1, "rejected");
    const states = taskStates(claim(), opportunity, [submission("first", 1, "needs_review"), rejected], new Set());
    expect(states.get("first")).toEqual({ kind: "waiting_review" });
    expect(states.get("second")).toEqual({ kind: "open", attemptsLeft: 1, lastRejection: rejected });
    expect(currentTask(opportunity, states)?.id).toBe("second");
  });

  it("closes a task whose last attempt was rejected, and counts approvals from the claim or a submission just approved", () => {
    const states = taskStates(claim(["first"]), opportunity, [submission("second", 1, "rejected"), submission("second", 2, "rejected")], new Set(["third"]));
    expect(states.get("first")).toEqual({ kind: "done" });
    expect(states.get("second")).toMatchObject({ kind: "out_of_attempts", lastRejection: { attempt: 2 } });
    expect(states.get("third")).toEqual({ kind: "done" });
    expect(currentTask(opportunity, states)).toBeUndefined();
  });

  it("never offers an upload task as the current one: the web app cannot take uploads yet", () => {
    const withUpload = { tasks: [task("photo", "upload"), task("first")], maxAttempts: 1 };
    expect(currentTask(withUpload, taskStates(claim(), withUpload, [], new Set()))?.id).toBe("first");
  });
});
