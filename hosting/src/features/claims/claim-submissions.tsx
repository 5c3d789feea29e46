import { useQuery } from "@tanstack/react-query";
import type { Opportunity, Submission } from "@user-x/sdk";
import { Empty, Loading } from "../../components/status";
import { ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { rejectionReasonLabels } from "../../lib/contract-values";
import { queryKeys } from "../../lib/query-keys";

// One page holds every attempt a claim can have in practice; more is said rather than hidden.
const shownAttempts = 100;

/** The claim's submissions: one query, shared by the list below and the tasks' states on the claim page. */
export function useClaimSubmissions(claimId: string) {
  return useQuery({
    queryKey: queryKeys.claimSubmissions(claimId),
    queryFn: ({ signal }) => api.claims.listSubmissions({ claimId, limit: shownAttempts }, { signal }),
  });
}

/** What the participant has submitted for the claim, task by task: each attempt, its status, and why a check failed or a reviewer said no. */
export function ClaimSubmissions({ claimId, tasks }: { claimId: string; tasks: Opportunity["tasks"] }) {
  const list = useClaimSubmissions(claimId);
  return (
    <section aria-labelledby="submissions-title">
      <h2 id="submissions-title">Your submissions</h2>
      {list.isPending ? (
        <Loading label="Loading your submissions…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="Your submissions could not be loaded" />
      ) : list.data.data.length === 0 ? (
        <Empty>Nothing submitted yet.</Empty>
      ) : (
        <>
          {tasks
            .map((task) => ({ task, attempts: list.data.data.filter((submission) => submission.taskId === task.id) }))
            .filter(({ attempts }) => attempts.length > 0)
            .map(({ task, attempts }) => (
              <div key={task.id} className="task-submissions">
                <h3>{task.title}</h3>
                <ol aria-label={`Submissions for ${task.title}`}>
                  {attempts.map((submission) => (
                    <SubmissionItem key={submission.id} submission={submission} />
                  ))}
                </ol>
              </div>
            ))}
          {list.data.nextCursor && <p className="muted">Showing your first {shownAttempts} submissions.</p>}
        </>
      )}
    </section>
  );
}

const statusLabels: Record<Submission["status"], string> = { approved: "approved", rejected: "rejected", needs_review: "waiting for review" };

function SubmissionItem({ submission }: { submission: Submission }) {
  // Checks that could not confirm something are not failures: a reviewer decided those.
  const failed = submission.verification.checks.filter((check) => check.conclusive && !check.passed);
  const { review } = submission;
  return (
    <li data-testid="submission">
      <span className={`badge ${submission.status}`}>{statusLabels[submission.status]}</span> <time dateTime={submission.createdAt}>{formatDateTime(submission.createdAt)}</time>
      {submission.attempt > 1 && <span className="muted"> (attempt {submission.attempt})</span>}
      {failed.length > 0 && (
        <ul className="check-reasons">
          {failed.map((check, index) => (
            <li key={`${check.name}-${index}`}>{check.reason ?? check.name}</li>
          ))}
        </ul>
      )}
      {review && review.decidedBy !== "checks" && (review.reasonCode || review.note) && (
        <p className="check-reasons">
          {review.reasonCode && rejectionReasonLabels[review.reasonCode]}
          {review.note && ` — “${review.note}”`}
        </p>
      )}
    </li>
  );
}
