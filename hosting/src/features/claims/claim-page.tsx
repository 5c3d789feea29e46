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
import { rejectionReasonLabels } from "../../lib/contract-values";
import { ClaimSubmissions, useClaimSubmissions } from "./claim-submissions";
import { DeadlineCountdown } from "./deadline-countdown";
import { RewardArrival } from "./reward-arrival";
import { longestTimeoutMs, useHasPassed } from "./use-now";
import { WithdrawClaim } from "./withdraw-claim";
import { SocialProofForm } from "./social-proof-form";
import { SurveyForm } from "./survey-form";
import { currentTask, taskStates, type TaskState } from "./task-states";

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
  // Which tasks are done comes with the claim; the page adds what it has just had approved
  // before the claim is read again.
  const [justDone, setJustDone] = useState<ReadonlySet<string>>(new Set());
  const submissions = useClaimSubmissions(claim.id);
  const states = taskStates(claim, opportunity, submissions.data?.data ?? [], justDone);
  const { completedTasks, totalTasks } = claim.progress;
  const completed = claim.status === "completed";
  // The API refuses work from the deadline on: the forms go with it, before the claim is read again as expired.
  const active = claim.status === "active";
  const timeUp = useHasPassed(claim.deadline, active) && active;
  const current = completed ? undefined : currentTask(opportunity, states);

  const onSubmitted = (taskId: string) => async (submission: Submission) => {
    if (submission.status === "approved") setJustDone((done) => new Set(done).add(taskId));
    await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.claims }), queryClient.invalidateQueries({ queryKey: queryKeys.claimSubmissions(claim.id) })]);
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
      ) : claim.status === "rejected" ? (
        <p role="status" className="expired">
          A required task was rejected with no attempts left, so this claim was rejected at {formatDateTime(claim.rejectedAt)}. Your submissions below say why.
        </p>
      ) : timeUp ? (
        <p role="status">Time is up: the deadline of this claim has passed{[...states.values()].some((state) => state.kind === "waiting_review") ? "; what you submitted in time is still being reviewed" : ""}.</p>
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
              <h2 id={`task-${task.id}-title`}>
                {task.title} {!task.required && <span className="muted">(optional)</span>}
              </h2>
              <TaskWork task={task} state={states.get(task.id)!} isCurrent={task.id === current?.id} claimId={claim.id} onSubmitted={onSubmitted(task.id)} onError={onError} />
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

interface TaskWorkProps {
  task: Opportunity["tasks"][number];
  state: TaskState;
  isCurrent: boolean;
  claimId: string;
  onSubmitted: (submission: Submission) => void;
  onError: () => void;
}

/** One task of the claim as it stands: done, waiting for review, out of attempts, to do later, or its form. */
function TaskWork({ task, state, isCurrent, claimId, onSubmitted, onError }: TaskWorkProps) {
  if (state.kind === "done") return <p className="success">Done</p>;
  if (state.kind === "waiting_review") return <p className="muted">Submitted: waiting for a reviewer.</p>;
  if (state.kind === "out_of_attempts") return <RejectionNote rejection={state.lastRejection} attemptsLeft={0} />;
  if (task.type === "upload") return <p className="muted">Upload tasks are not available yet in the web app.</p>;
  if (!isCurrent) return <p className="muted">Next, once the task before it is submitted.</p>;
  return (
    <>
      {state.lastRejection && <RejectionNote rejection={state.lastRejection} attemptsLeft={state.attemptsLeft} />}
      {task.type === "survey" ? (
        <SurveyForm key={state.attemptsLeft} claimId={claimId} task={task} onSubmitted={onSubmitted} onError={onError} />
      ) : (
        <SocialProofForm key={state.attemptsLeft} claimId={claimId} task={task} onSubmitted={onSubmitted} onError={onError} />
      )}
    </>
  );
}

/** Why the last attempt was rejected, and what is left: a participant is never left guessing. */
function RejectionNote({ rejection, attemptsLeft }: { rejection: Submission; attemptsLeft: number }) {
  const reason = rejection.review?.reasonCode;
  const failedChecks = rejection.verification.checks.filter((check) => check.conclusive && !check.passed);
  return (
    <div className="alert" role="status" data-testid="rejection-note">
      <p className="alert-title">
        Your attempt {rejection.attempt} was not accepted{reason ? `: ${rejectionReasonLabels[reason]}` : ""}.
      </p>
      {rejection.review?.note && <p>“{rejection.review.note}”</p>}
      {failedChecks.length > 0 && (
        <ul>
          {failedChecks.map((check) => (
            <li key={check.name}>{check.reason ?? check.name}</li>
          ))}
        </ul>
      )}
      <p>{attemptsLeft > 0 ? `You may try again: ${attemptsLeft} ${attemptsLeft === 1 ? "attempt" : "attempts"} left.` : "No attempts are left for this task."}</p>
    </div>
  );
}
