import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import { queryKeys } from "../../lib/query-keys";
import { payoutStatusLabel } from "./payout-status";

/** The participant's cash payouts, newest first; refreshed while one is still on its way. */
export function MyPayoutsList() {
  const list = useInfiniteQuery({
    queryKey: [...queryKeys.myPayouts, "pages"],
    queryFn: ({ pageParam, signal }) => api.payouts.listMy({ limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.data.some((p) => p.status === "pending" || p.status === "processing")) ? 2_000 : false),
  });
  const payouts = list.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section aria-labelledby="my-payouts-heading">
      <h2 id="my-payouts-heading">Cash payouts</h2>
      {list.isPending ? (
        <Loading label="Loading your payouts…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="Your payouts could not be loaded" />
      ) : payouts.length === 0 ? (
        <Empty>No cash payouts yet: an opportunity with a cash reward pays here once you complete it.</Empty>
      ) : (
        <>
          <ul className="cards" aria-label="Payouts">
            {payouts.map((payout) => (
              <li key={payout.id} className="card" data-testid={`payout-${payout.id}`}>
                <p>
                  <strong>{formatMoney(payout.amount, payout.currency)}</strong> <span className={`badge ${payout.status}`}>{payoutStatusLabel(payout)}</span>
                </p>
                <p className="muted">
                  For <Link to={`/claims/${payout.claimId}`}>claim {payout.claimId}</Link> · {formatDateTime(payout.paidAt ?? payout.createdAt)}
                </p>
              </li>
            ))}
          </ul>
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
