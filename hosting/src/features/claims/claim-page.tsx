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
import { ClaimSubmissions } from "./claim-submissions";
import { DeadlineCountdown } from "./deadline-countdown";
import { RewardArrival } from "./reward-arrival";
import { longestTimeoutMs, useHasPassed } from "./use-now";
import { WithdrawClaim } from "./withdraw-claim";
import { SurveyForm } from "./survey-form";

export function ClaimPage() {
  const { claimId = "" } = useParams();
  const claim = useQuery({
    queryKey: queryKeys.claim(claimId),
    queryFn: ({ signal }) => api.claims.get({ claimId }, { signal }),
    refetchInterval: (query) => (query.state.data ? readAgainAfter(query.state.data) : false),
  });
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

/**
 * An active claim expires at its deadline, when its task runs: it is read again a second after the
 * deadline, then every 2 s until it has. The interval is worked out again after every read.
 */
function readAgainAfter(claim: Claim): number | false {
  if (claim.status !== "active") return false;
  const left = Date.parse(claim.deadline) - Date.now();
  return left > 0 ? Math.min(left + 1_000, longestTimeoutMs) : 2_000;
}

function ClaimWork({ claim, opportunity }: { claim: Claim; opportunity: Opportunity }) {
  const queryClient = useQueryClient();
  // Which tasks are done comes with the claim; the page adds what it has just submitted
  // before the claim is read again.
  const [submittedTaskIds, setSubmittedTaskIds] = useState<ReadonlySet<string>>(new Set());
  const doneTaskIds: ReadonlySet<string> = new Set([...claim.progress.completedTaskIds, ...submittedTaskIds]);
  const { completedTasks, totalTasks } = claim.progress;
  const completed = claim.status === "completed";
  // The API refuses work from the deadline on: the forms go with it, before the claim is read again as expired.
  const active = claim.status === "active";
  const timeUp = useHasPassed(claim.deadline, active) && active;
  const current = completed ? undefined : opportunity.tasks.find((task) => task.type === "survey" && !doneTaskIds.has(task.id));

  const markDone = async (taskId: string) => {
    setSubmittedTaskIds((done) => new Set(done).add(taskId));
    await queryClient.invalidateQueries({ queryKey: queryKeys.claims });
  };
  const onSubmitted = (taskId: string) => (submission: Submission) => {
    if (submission.status === "approved") void markDone(taskId);
    else void queryClient.invalidateQueries({ queryKey: queryKeys.claimSubmissions(claim.id) });
  };
  // A refusal (the task approved already, the claim no longer active) is shown by the form
  // itself; reading the claim again shows what is done.
  const onError = () => void queryClient.invalidateQueries({ queryKey: queryKeys.claims });

  return (
    <Page title={opportunity.title}>
      <p className="meta">
        <span className="badge reward">{formatReward(opportunity.reward)}</span> <DeadlineCountdown claim={claim} />
      </p>
      <div className="progress">
        <label htmlFor="claim-progress">
          Progress: <span data-testid="claim-progress">{completedTasks} of {totalTasks} tasks done</span>
        </label>
        <progress id="claim-progress" max={totalTasks} value={completedTasks} />
      </div>
      {claim.status === "withdrawn" ? (
        <p role="status">You withdrew from this opportunity; its place went to someone else.</p>
      ) : claim.status === "expired" ? (
        <p role="status" className="expired">
          Your time ran out at {formatDateTime(claim.expiredAt ?? claim.deadline)}: this claim expired, and its place went to someone else.
        </p>
      ) : timeUp ? (
        <p role="status">Time is up: the deadline of this claim has passed.</p>
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
      {active && !timeUp && <WithdrawClaim claim={claim} />}
      <ClaimSubmissions claimId={claim.id} tasks={opportunity.tasks} />
      <p>
        <Link to="/claims">My claims</Link>
      </p>
    </Page>
  );
}
