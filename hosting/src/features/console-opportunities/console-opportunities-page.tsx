import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { formatReward } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";

export function ConsoleOpportunitiesPage() {
  return <WithOrg>{(org) => <OrgOpportunities orgId={org.id} />}</WithOrg>;
}

function OrgOpportunities({ orgId }: { orgId: string }) {
  const list = useInfiniteQuery({
    queryKey: [...queryKeys.opportunities, "org", orgId],
    queryFn: ({ pageParam, signal }) => api.opportunities.list({ orgId, limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const opportunities = list.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <Page
      title="Opportunities"
      actions={
        <Link className="button" to="/console/opportunities/new">
          New opportunity
        </Link>
      }
    >
      {list.isPending ? (
        <Loading label="Loading opportunities…" />
      ) : !list.data ? (
        <ProblemAlert error={list.error} title="The opportunities could not be loaded" />
      ) : opportunities.length === 0 ? (
        <Empty>No opportunities yet: create the first one.</Empty>
      ) : (
        <>
          <table>
            <caption className="visually-hidden">Opportunities of the organization, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Reward</th>
                <th scope="col">Claims</th>
              </tr>
            </thead>
            <tbody>
              {opportunities.map((opportunity) => (
                <tr key={opportunity.id}>
                  <td>
                    <Link to={`/console/opportunities/${opportunity.id}`}>{opportunity.title}</Link>
                  </td>
                  <td>
                    <span className={`badge ${opportunity.status}`}>{opportunity.status}</span>
                  </td>
                  <td>{formatReward(opportunity.reward)}</td>
                  <td>
                    {opportunity.claimsCount} / {opportunity.capacity}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.isError && <ProblemAlert error={list.error} title="More opportunities could not be loaded" />}
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
