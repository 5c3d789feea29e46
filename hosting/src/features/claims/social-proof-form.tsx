import { useMutation } from "@tanstack/react-query";
import type { Submission, Task } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";

type SocialTask = Extract<Task, { type: "social" }>;

const platformNames: Record<SocialTask["platform"], string> = { x: "X", instagram: "Instagram", tiktok: "TikTok", youtube: "YouTube", linkedin: "LinkedIn", facebook: "Facebook" };

/** What the participant is asked to do, in words: "Comment on https://… on YouTube". */
export function describeSocialTask(task: SocialTask): string {
  const platform = platformNames[task.platform];
  const verb = { follow: "Follow", like: "Like", share: "Share", post: "Post about", comment: "Comment on" }[task.action];
  return `${verb} ${task.target} on ${platform}`;
}

/** A social task: what to do, then the proof it asks for (the URL of what was posted, the text with its tags). */
export function SocialProofForm({ claimId, task, onSubmitted, onError }: { claimId: string; task: SocialTask; onSubmitted: (submission: Submission) => void; onError?: (error: unknown) => void }) {
  const [url, setUrl] = useState("");
  const [text, setText] = useState("");
  const asksText = task.proof.mustInclude.length > 0;
  const submit = useMutation({
    mutationFn: () => api.claims.createSubmission({ claimId, taskId: task.id, proof: { ...(task.proof.url && { url: url.trim() }), ...(asksText && { text }) } }),
    onSuccess: onSubmitted,
    onError,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };
  const failed = submit.data?.status === "rejected" ? submit.data.verification.checks.filter((check) => check.conclusive && !check.passed) : [];
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby={`task-${task.id}-title`}>
      <p>
        {describeSocialTask(task)}
        {asksText && <> — with {task.proof.mustInclude.join(" ")} in what you write</>}.
      </p>
      {task.proof.url && (
        <label>
          Link to your {task.action === "follow" || task.action === "like" ? "profile or the post" : task.action}
          <input type="url" required inputMode="url" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} aria-invalid={fieldProblem(submit.error, "body.proof.url") ? true : undefined} />
        </label>
      )}
      {asksText && (
        <label>
          What you wrote
          <textarea required rows={3} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
      )}
      {!task.proof.url && !asksText && <p className="muted">A reviewer checks it on {platformNames[task.platform]}; just say you have done it.</p>}
      {failed.length > 0 && (
        <div className="alert" role="alert">
          <p className="alert-title">Not accepted</p>
          <ul>
            {failed.map((check) => (
              <li key={check.name}>{check.reason ?? check.name}</li>
            ))}
          </ul>
        </div>
      )}
      <ProblemAlert error={submit.error} title="Your proof could not be submitted" />
      <button type="submit" disabled={submit.isPending}>
        {submit.isPending ? "Submitting…" : task.proof.url || asksText ? "Submit proof" : "I have done it"}
      </button>
    </form>
  );
}
