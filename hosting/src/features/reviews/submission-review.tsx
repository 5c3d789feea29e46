import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReviewedSubmission, Task } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { api } from "../../lib/api";
import { rejectionReasonLabels } from "../../lib/contract-values";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { RejectionReasonSelect, type ReviewerReason } from "./rejection-reason-select";


/** One submission opened from the queue: the work and its checks beside the participant's history, and the decision. */
export function SubmissionReview({ orgId, submission, onDecided }: { orgId: string; submission: ReviewedSubmission; onDecided: () => void }) {
  const opportunity = useQuery({
    queryKey: queryKeys.opportunity(submission.opportunityId),
    queryFn: ({ signal }) => api.opportunities.get({ opportunityId: submission.opportunityId }, { signal }),
  });
  const task = opportunity.data?.tasks.find((t) => t.id === submission.taskId);
  return (
    <section aria-labelledby="open-submission-title" className="card review-panel" data-testid="open-submission">
      <h2 id="open-submission-title">
        {task?.title ?? submission.taskId} <span className="muted">by {submission.userId}</span>
      </h2>
      <div className="review-layout">
        <div>
          <h3>Work</h3>
          {opportunity.isPending ? <Loading label="Loading the questions…" /> : <Answers task={task} answers={submission.answers} />}
          <h3>Checks</h3>
          <ul className="checks">
            {submission.verification.checks.map((check) => (
              <li key={check.name}>
                <span className={`badge ${check.passed ? "ok" : "down"}`}>{check.passed ? "passed" : "failed"}</span> {check.name.replaceAll("_", " ")}
                {check.reason && <span className="muted"> — {check.reason}</span>}
              </li>
            ))}
          </ul>
          <p className="muted">
            Attempt {submission.attempt}, submitted {formatDateTime(submission.createdAt)}
            {submission.autoApprovesAt && ` · approves itself ${formatDateTime(submission.autoApprovesAt)} unless decided`}
          </p>
        </div>
        <ParticipantHistory orgId={orgId} userId={submission.userId} />
      </div>
      <DecisionForm submission={submission} orgId={orgId} onDecided={onDecided} />
    </section>
  );
}

function Answers({ task, answers }: { task: Task | undefined; answers: ReviewedSubmission["answers"] }) {
  const prompts = new Map(task?.type === "survey" ? task.questions.map((q) => [q.id, q.prompt]) : []);
  return (
    <dl className="answers">
      {Object.entries(answers).map(([questionId, answer]) => (
        <div key={questionId}>
          <dt>{prompts.get(questionId) ?? questionId}</dt>
          <dd>{Array.isArray(answer) ? answer.join(", ") : String(answer)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What the organization decided on this participant's earlier work: a reviewer's context. */
function ParticipantHistory({ orgId, userId }: { orgId: string; userId: string }) {
  const decided = useQuery({
    queryKey: [...queryKeys.submissions(orgId), "history", userId],
    queryFn: async ({ signal }) => {
      const [approved, rejected] = await Promise.all(
        (["approved", "rejected"] as const).map((status) => api.submissions.list({ orgId, userId, status, sort: "-createdAt", limit: 10 }, { signal })),
      );
      return [...approved!.data, ...rejected!.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  });
  return (
    <div data-testid="participant-history">
      <h3>Participant's history</h3>
      {decided.isPending ? (
        <Loading label="Loading their history…" />
      ) : decided.isError ? (
        <ProblemAlert error={decided.error} title="Their history could not be loaded" />
      ) : decided.data.length === 0 ? (
        <p className="muted">No decided work with this organization yet.</p>
      ) : (
        <ul className="history">
          {decided.data.map((past) => (
            <li key={past.id}>
              <span className={`badge ${past.status === "approved" ? "ok" : "down"}`}>{past.status}</span> {past.taskId}, {formatDateTime(past.createdAt)}
              {past.review?.reasonCode && <span className="muted"> — {rejectionReasonLabels[past.review.reasonCode]}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DecisionForm({ submission, orgId, onDecided }: { submission: ReviewedSubmission; orgId: string; onDecided: () => void }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [reason, setReason] = useState<ReviewerReason>("incomplete");
  const decide = useMutation({
    mutationFn: (decision: "approve" | "reject") => {
      const trimmed = note.trim() ? { note: note.trim() } : {};
      return decision === "approve"
        ? api.submissions.approve({ submissionId: submission.id, ...trimmed })
        : api.submissions.reject({ submissionId: submission.id, reasonCode: reason, ...trimmed });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.submissions(orgId) });
      onDecided();
    },
  });
  const submit = (decision: "approve" | "reject") => (event: FormEvent) => {
    event.preventDefault();
    decide.mutate(decision);
  };
  return (
    <form className="form" onSubmit={submit("approve")}>
      <label>
        Note to the participant <span className="muted">(optional)</span>
        <textarea value={note} maxLength={2000} rows={2} onChange={(e) => setNote(e.target.value)} />
      </label>
      <RejectionReasonSelect label="Reason, if you reject it" value={reason} onChange={setReason} />
      <div className="actions">
        <button type="submit" disabled={decide.isPending}>
          Approve
        </button>
        <button type="button" className="secondary danger" disabled={decide.isPending} onClick={submit("reject")}>
          Reject
        </button>
      </div>
      <ProblemAlert error={decide.error} title="The decision could not be recorded" />
    </form>
  );
}
