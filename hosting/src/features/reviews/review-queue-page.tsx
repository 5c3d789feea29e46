import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { ReviewedSubmission } from "@user-x/sdk";
import { useState } from "react";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { BulkReview } from "./bulk-review";
import { SubmissionReview } from "./submission-review";

export function ReviewQueuePage() {
  return <WithOrg>{(org) => <ReviewQueue orgId={org.id} />}</WithOrg>;
}

/**
 * The organization's submissions awaiting review, oldest first, narrowed to one opportunity and
 * task if the reviewer likes. Opening one shows it beside its checks and the participant's history;
 * ticking several decides them at once.
 */
function ReviewQueue({ orgId }: { orgId: string }) {
  const [opportunityId, setOpportunityId] = useState("");
  const [taskId, setTaskId] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const opportunities = useQuery({
    queryKey: [...queryKeys.opportunities, "of-org", orgId],
    queryFn: ({ signal }) => api.opportunities.list({ orgId, limit: 100 }, { signal }),
  });
  const filter = { orgId, ...(opportunityId && { opportunityId }), ...(taskId && { taskId }) };
  const queue = useInfiniteQuery({
    queryKey: [...queryKeys.submissions(orgId), "queue", filter],
    queryFn: ({ pageParam, signal }) => api.submissions.list({ ...filter, limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const waiting = queue.data?.pages.flatMap((page) => page.data) ?? [];
  const titleOf = (id: string) => opportunities.data?.data.find((o) => o.id === id)?.title ?? id;
  const tasks = opportunities.data?.data.find((o) => o.id === opportunityId)?.tasks ?? [];
  const open = waiting.find((s) => s.id === openId);
  const toggle = (id: string) =>
    setSelected((before) => {
      const next = new Set(before);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Page title="Review queue">
      <div className="row filters-row">
        <label>
          Opportunity
          <select
            value={opportunityId}
            onChange={(e) => {
              setOpportunityId(e.target.value);
              setTaskId("");
            }}
          >
            <option value="">All opportunities</option>
            {opportunities.data?.data.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Task
          <select value={taskId} disabled={!opportunityId} onChange={(e) => setTaskId(e.target.value)}>
            <option value="">All tasks</option>
            {tasks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {queue.isPending ? (
        <Loading label="Loading the queue…" />
      ) : !queue.data ? (
        <ProblemAlert error={queue.error} title="The review queue could not be loaded" />
      ) : waiting.length === 0 ? (
        <Empty>Nothing awaits review.</Empty>
      ) : (
        <>
          <BulkReview orgId={orgId} selected={[...selected].filter((id) => waiting.some((s) => s.id === id))} onDone={() => setSelected(new Set())} />
          <table>
            <caption className="visually-hidden">Submissions awaiting review, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Select</span>
                </th>
                <th scope="col">Submitted</th>
                <th scope="col">Opportunity and task</th>
                <th scope="col">Participant</th>
                <th scope="col">Checks</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((submission) => (
                <QueueRow
                  key={submission.id}
                  submission={submission}
                  opportunityTitle={titleOf(submission.opportunityId)}
                  selected={selected.has(submission.id)}
                  onToggle={() => toggle(submission.id)}
                  onOpen={() => setOpenId(submission.id)}
                />
              ))}
            </tbody>
          </table>
          {queue.isError && <ProblemAlert error={queue.error} title="More submissions could not be loaded" />}
          {queue.hasNextPage && (
            <button type="button" className="secondary" disabled={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
              Load more
            </button>
          )}
        </>
      )}
      {open && <SubmissionReview key={open.id} orgId={orgId} submission={open} onDecided={() => setOpenId(null)} />}
    </Page>
  );
}

function QueueRow(props: { submission: ReviewedSubmission; opportunityTitle: string; selected: boolean; onToggle: () => void; onOpen: () => void }) {
  const { submission } = props;
  const failed = submission.verification.checks.filter((check) => !check.passed).length;
  return (
    <tr>
      <td>
        <input type="checkbox" checked={props.selected} onChange={props.onToggle} aria-label={`Select the submission of ${submission.userId}`} />
      </td>
      <td>
        <button type="button" className="link" onClick={props.onOpen}>
          {formatDateTime(submission.createdAt)}
        </button>
      </td>
      <td>
        {props.opportunityTitle} · {submission.taskId}
        {submission.attempt > 1 && <span className="muted"> (attempt {submission.attempt})</span>}
      </td>
      <td>
        <code>{submission.userId}</code>
      </td>
      <td>{failed === 0 ? <span className="badge ok">passed</span> : <span className="badge down">{failed} failed</span>}</td>
    </tr>
  );
}
