import { useMutation } from "@tanstack/react-query";
import type { Submission, Task } from "@user-x/sdk";
import { useRef, useState, type FormEvent } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { QuestionInput } from "./question-input";
import { checkDraft, emptyDraft, rejectionMessages, serverFieldMessages, toAnswers, type Draft, type FieldMessages } from "./survey-answers";

type SurveyTask = Extract<Task, { type: "survey" }>;

interface Props {
  claimId: string;
  task: SurveyTask;
  onSubmitted: (submission: Submission) => void;
  onError?: (error: unknown) => void;
}

/** A survey task's questions as a form: checked here as the API checks them, then submitted. */
export function SurveyForm({ claimId, task, onSubmitted, onError }: Props) {
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(task.questions));
  const [messages, setMessages] = useState<FieldMessages>({});
  const form = useRef<HTMLFormElement>(null);
  const submit = useMutation({
    mutationFn: () => api.claims.createSubmission({ claimId, taskId: task.id, answers: toAnswers(task.questions, draft) }),
    onSuccess: (submission) => {
      if (submission.status === "rejected") showProblems(rejectionMessages(submission));
      onSubmitted(submission);
    },
    onError: (error) => {
      showProblems(serverFieldMessages(error));
      onError?.(error);
    },
  });

  function showProblems(found: FieldMessages) {
    setMessages(found);
    // Straight to the first question to fix, as a keyboard or screen-reader user needs.
    const first = task.questions.find((q) => found[q.id]);
    if (first) requestAnimationFrame(() => form.current?.querySelector<HTMLElement>(`[data-question="${first.id}"] input, [data-question="${first.id}"] textarea`)?.focus());
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkDraft(task.questions, draft);
    if (Object.keys(found).length > 0) return showProblems(found);
    setMessages({});
    submit.mutate();
  };

  const rejected = submit.data?.status === "rejected";
  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit} aria-labelledby={`task-${task.id}-title`}>
      {task.questions.map((question) => (
        <QuestionInput
          key={question.id}
          question={question}
          value={draft[question.id] ?? ""}
          error={messages[question.id]}
          onChange={(value) => {
            setDraft((current) => ({ ...current, [question.id]: value }));
            // A message goes away once the answer is valid, not only at the next submit.
            if (messages[question.id]) setMessages((current) => ({ ...current, [question.id]: checkDraft([question], { [question.id]: value })[question.id] ?? "" }));
          }}
        />
      ))}
      {rejected && !submit.isPending && (
        <p className="alert" role="alert">
          Some answers were not accepted: correct them and submit again.
        </p>
      )}
      <ProblemAlert error={submit.error} title="Your answers could not be submitted" />
      <button type="submit" disabled={submit.isPending}>
        {submit.isPending ? "Submitting…" : "Submit answers"}
      </button>
    </form>
  );
}
