import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";

export function MyClaimsPage() {
  const list = useInfiniteQuery({
    queryKey: [...queryKeys.claims, "mine"],
    queryFn: ({ pageParam, signal }) => api.claims.list({ limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const claims = list.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Page title="My claims">
      {list.isPending ? (
        <Loading label="Loading your claims…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="Your claims could not be loaded" />
      ) : claims.length === 0 ? (
        <Empty>
          You have not claimed anything yet. <Link to="/">Browse opportunities</Link>.
        </Empty>
      ) : (
        <>
          <table>
            <caption className="visually-hidden">Your claims, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Claimed</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((claim) => (
                <tr key={claim.id}>
                  <td>
                    <Link to={`/claims/${claim.id}`}>{claim.status === "active" ? "Continue" : "View"}</Link> <code className="muted">{claim.id}</code>
                  </td>
                  <td>
                    <span className={`badge ${claim.status}`}>{claim.status}</span>
                  </td>
                  <td>
                    {claim.progress.completedTasks} / {claim.progress.totalTasks}
                  </td>
                  <td>{formatDateTime(claim.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.hasNextPage && (
            <button type="button" className="secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              Load more
            </button>
          )}
        </>
      )}
    </Page>
  );
}
