import type { Task } from "@user-x/sdk";

/** What a task asks of a participant, and whether the web app can do it yet. */
export function TaskSummary({ task }: { task: Task }) {
  if (task.type === "survey") {
    return (
      <>
        <strong>{task.title}</strong> — a survey of {task.questions.length} {task.questions.length === 1 ? "question" : "questions"}
      </>
    );
  }
  return (
    <>
      <strong>{task.title}</strong> — {task.type === "upload" ? "an upload" : "a social action"}: <em>not available yet in the web app</em>
    </>
  );
}
