import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Claim, Opportunity, Submission } from "@user-x/sdk";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { api } from "../../lib/api";
import { formatDateTime, formatReward } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { RewardArrival } from "./reward-arrival";
import { WithdrawClaim } from "./withdraw-claim";
import { SurveyForm } from "./survey-form";

export function ClaimPage() {
  const { claimId = "" } = useParams();
  const claim = useQuery({ queryKey: queryKeys.claim(claimId), queryFn: ({ signal }) => api.claims.get({ claimId }, { signal }) });
  const opportunityId = claim.data?.opportunityId ?? "";
  const opportunity = useQuery({
    queryKey: queryKeys.opportunity(opportunityId),
    queryFn: ({ signal }) => api.opportunities.get({ opportunityId }, { signal }),
    enabled: opportunityId !== "",
  });

  if (claim.isPending || (claim.isSuccess && opportunity.isPending)) return <Loading label="Loading your claim…" />;
  const error = claim.error ?? opportunity.error;
  if (error || !claim.data || !opportunity.data) {
    return (
      <Page title="Claim not available">
        <ProblemAlert error={error} />
        <p>
          <Link to="/claims">Back to my claims</Link>
        </p>
      </Page>
    );
  }
  return <ClaimWork claim={claim.data} opportunity={opportunity.data} />;
}

function ClaimWork({ claim, opportunity }: { claim: Claim; opportunity: Opportunity }) {
  const queryClient = useQueryClient();
  // Which tasks are done comes with the claim; the page adds what it has just submitted
  // before the claim is read again.
  const [submittedTaskIds, setSubmittedTaskIds] = useState<ReadonlySet<string>>(new Set());
  const doneTaskIds: ReadonlySet<string> = new Set([...claim.progress.completedTaskIds, ...submittedTaskIds]);
  const { completedTasks, totalTasks } = claim.progress;
  const completed = claim.status === "completed";
  const current = completed ? undefined : opportunity.tasks.find((task) => task.type === "survey" && !doneTaskIds.has(task.id));

  const markDone = async (taskId: string) => {
    setSubmittedTaskIds((done) => new Set(done).add(taskId));
    await queryClient.invalidateQueries({ queryKey: queryKeys.claims });
  };
  const onSubmitted = (taskId: string) => (submission: Submission) => {
    if (submission.status === "approved") void markDone(taskId);
  };
  // A refusal (the task approved already, the claim no longer active) is shown by the form
  // itself; reading the claim again shows what is done.
  const onError = () => void queryClient.invalidateQueries({ queryKey: queryKeys.claims });

  return (
    <Page title={opportunity.title}>
      <p className="meta">
        <span className="badge reward">{formatReward(opportunity.reward)}</span> <span>Complete by {formatDateTime(claim.deadline)}</span>
      </p>
      <div className="progress">
        <label htmlFor="claim-progress">
          Progress: <span data-testid="claim-progress">{completedTasks} of {totalTasks} tasks done</span>
        </label>
        <progress id="claim-progress" max={totalTasks} value={completedTasks} />
      </div>
      {claim.status === "withdrawn" ? (
        <p role="status">You withdrew from this opportunity; its place went to someone else.</p>
      ) : completed ? (
        <>
          <p className="success" role="status">
            Claim complete. Thank you!
          </p>
          <RewardArrival claimId={claim.id} />
        </>
      ) : (
        <ol className="tasks">
          {opportunity.tasks.map((task) => (
            <li key={task.id} aria-current={task.id === current?.id ? "step" : undefined}>
              <h2 id={`task-${task.id}-title`}>{task.title}</h2>
              {doneTaskIds.has(task.id) ? (
                <p className="success">Done</p>
              ) : task.type !== "survey" ? (
                <p className="muted">{task.type === "upload" ? "Upload" : "Social"} tasks are not available yet in the web app.</p>
              ) : task.id === current?.id ? (
                <SurveyForm claimId={claim.id} task={task} onSubmitted={onSubmitted(task.id)} onError={onError} />
              ) : (
                <p className="muted">Next, once the task before it is done.</p>
              )}
            </li>
          ))}
        </ol>
      )}
      {claim.status === "active" && <WithdrawClaim claim={claim} />}
      <p>
        <Link to="/claims">My claims</Link>
      </p>
    </Page>
  );
}
