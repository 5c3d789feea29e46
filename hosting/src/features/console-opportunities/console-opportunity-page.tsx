import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Opportunity, Question } from "@user-x/sdk";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { api } from "../../lib/api";
import { formatDateTime, formatReward, placesLeft } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { describeSocialTask } from "../claims/social-proof-form";
import { BudgetPanel } from "./budget-panel";
import { EditOpportunityForm } from "./edit-opportunity-form";
import { LifecycleActions } from "./lifecycle-actions";
import { ReviewSettings } from "./review-settings";
import { TargetingSettings } from "./targeting-settings";

export function ConsoleOpportunityPage() {
  const { opportunityId = "" } = useParams();
  const opportunity = useQuery({ queryKey: queryKeys.opportunity(opportunityId), queryFn: ({ signal }) => api.opportunities.get({ opportunityId }, { signal }) });
  if (opportunity.isPending) return <Loading label="Loading the opportunity…" />;
  if (opportunity.isError) {
    return (
      <Page title="Opportunity not available">
        <ProblemAlert error={opportunity.error} />
        <p>
          <Link to="/console/opportunities">Back to opportunities</Link>
        </p>
      </Page>
    );
  }
  return <OpportunityAdmin opportunity={opportunity.data} />;
}

function OpportunityAdmin({ opportunity }: { opportunity: Opportunity }) {
  const queryClient = useQueryClient();
  // The version the edit form saved last: it says "Saved." while that version is the one shown.
  const [savedVersion, setSavedVersion] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: () => api.opportunities.publish({ opportunityId: opportunity.id }),
    onSuccess: async (published) => {
      queryClient.setQueryData(queryKeys.opportunity(published.id), published);
      await queryClient.invalidateQueries({ queryKey: queryKeys.opportunities });
    },
  });
  return (
    <Page title={opportunity.title}>
      <p className="meta">
        <span className={`badge ${opportunity.status}`} data-testid="opportunity-status">
          {opportunity.status}
        </span>{" "}
        <span className="badge reward">{formatReward(opportunity.reward)}</span>{" "}
        <span>
          {opportunity.claimsCount} claimed, {placesLeft(opportunity)} of {opportunity.capacity} places left
        </span>
      </p>
      {opportunity.status === "draft" && (
        <div className="actions">
          <p>A draft: participants cannot see it until it is published.</p>
          <button type="button" disabled={publish.isPending} onClick={() => publish.mutate()}>
            {publish.isPending ? "Publishing…" : "Publish"}
          </button>
          <ProblemAlert error={publish.error} title="The opportunity could not be published" />
        </div>
      )}
      {publish.isSuccess && (
        <p className="success" role="status">
          Published: participants can claim it now.
        </p>
      )}
      <LifecycleActions opportunity={opportunity} />
      {opportunity.description && <p className="description">{opportunity.description}</p>}
      <p className="muted">
        <code>{opportunity.id}</code> · created {formatDateTime(opportunity.createdAt)}
        {opportunity.publishedAt && ` · published ${formatDateTime(opportunity.publishedAt)}`}
      </p>
      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title">Tasks</h2>
        <ol className="tasks">
          {opportunity.tasks.map((task) => (
            <li key={task.id}>
              <strong>{task.title}</strong> <span className="muted">({task.type}{task.required ? "" : ", optional"}, id {task.id})</span>
              {task.type === "social" && (
                <p>
                  {describeSocialTask(task)}
                  {task.proof.mustInclude.length > 0 && `, including ${task.proof.mustInclude.join(" ")}`}
                </p>
              )}
              {task.type === "survey" && (
                <ul>
                  {task.questions.map((q) => (
                    <li key={q.id}>
                      {q.prompt} <span className="muted">— {describeQuestion(q)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
      {opportunity.status !== "draft" && <BudgetPanel opportunity={opportunity} />}
      <EditOpportunityForm
        key={opportunity.updatedAt}
        opportunity={opportunity}
        justSaved={savedVersion === opportunity.updatedAt}
        onSaved={(saved) => setSavedVersion(saved.updatedAt)}
      />
      <ReviewSettings opportunity={opportunity} />
      <TargetingSettings opportunity={opportunity} />
      <OpportunityClaims opportunityId={opportunity.id} />
    </Page>
  );
}

function describeQuestion(q: Question): string {
  const required = q.required ? "required" : "optional";
  switch (q.type) {
    case "text":
      return `text up to ${q.maxLength} characters, ${required}`;
    case "number":
      return `${q.integer ? "whole number" : "number"}${q.min !== undefined ? ` ≥ ${q.min}` : ""}${q.max !== undefined ? ` ≤ ${q.max}` : ""}, ${required}`;
    case "single_choice":
      return `one of ${q.choices.map((c) => c.label).join(", ")}; ${required}`;
    case "multiple_choice":
      return `any of ${q.choices.map((c) => c.label).join(", ")}${q.maxSelected ? ` (up to ${q.maxSelected})` : ""}; ${required}`;
    case "rating":
      return `rating 1 to ${q.scale}, ${required}`;
  }
}

function OpportunityClaims({ opportunityId }: { opportunityId: string }) {
  const list = useInfiniteQuery({
    queryKey: queryKeys.opportunityClaims(opportunityId),
    queryFn: ({ pageParam, signal }) => api.opportunities.listClaims({ opportunityId, limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const claims = list.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <section aria-labelledby="claims-title">
      <h2 id="claims-title">Claims</h2>
      {list.isPending ? (
        <Loading label="Loading claims…" />
      ) : !list.data ? (
        <ProblemAlert error={list.error} title="The claims could not be loaded" />
      ) : claims.length === 0 ? (
        <Empty>No claims yet.</Empty>
      ) : (
        <>
          <table>
            <caption className="visually-hidden">Claims of this opportunity, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Claimed</th>
                <th scope="col">Deadline</th>
                <th scope="col">Ended</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((claim) => (
                <tr key={claim.id}>
                  <td>
                    <code>{claim.userId}</code>
                  </td>
                  <td>
                    <span className={`badge ${claim.status}`}>{claim.status}</span>
                  </td>
                  <td>
                    {claim.progress.completedTasks} / {claim.progress.totalTasks}
                  </td>
                  <td>{formatDateTime(claim.createdAt)}</td>
                  <td>{formatDateTime(claim.deadline)}</td>
                  <td>{formatDateTime(claim.completedAt ?? claim.withdrawnAt ?? claim.expiredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.isError && <ProblemAlert error={list.error} title="More claims could not be loaded" />}
          {list.hasNextPage && (
            <button type="button" className="secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              Load more
            </button>
          )}
        </>
      )}
    </section>
  );
}
