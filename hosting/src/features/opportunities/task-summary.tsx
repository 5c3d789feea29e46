import type { Task } from "@user-x/sdk";
import { describeSocialTask } from "../claims/social-proof-form";

/** What a task asks of a participant, whether it is optional, and whether the web app can do it yet. */
export function TaskSummary({ task }: { task: Task }) {
  const optional = task.required ? null : <span className="muted"> (optional)</span>;
  if (task.type === "survey") {
    return (
      <>
        <strong>{task.title}</strong>
        {optional} — a survey of {task.questions.length} {task.questions.length === 1 ? "question" : "questions"}
      </>
    );
  }
  if (task.type === "social") {
    return (
      <>
        <strong>{task.title}</strong>
        {optional} — {describeSocialTask(task)}
      </>
    );
  }
  return (
    <>
      <strong>{task.title}</strong>
      {optional} — an upload: <em>not available yet in the web app</em>
    </>
  );
}
