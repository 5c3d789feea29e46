import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { Redemption } from "@user-x/sdk";
import { useState } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { VoucherCode } from "../../components/voucher-code";

const statusLabels: Record<Redemption["status"], string> = {
  pending: "on its way",
  completed: "redeemed",
  refunded: "no codes were left: points given back",
  refused: "not enough points",
};

/** What the participant bought with points, newest first; each code shown only when asked for. */
export function MyRedemptions() {
  const list = useInfiniteQuery({
    queryKey: [...queryKeys.redemptions, "pages"],
    queryFn: ({ pageParam, signal }) => api.redemptions.list({ limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const redemptions = (list.data?.pages.flatMap((page) => page.data) ?? []).filter((redemption) => redemption.status !== "refused");
  return (
    <section aria-labelledby="redemptions-heading">
      <h2 id="redemptions-heading">Codes bought with points</h2>
      {list.isPending ? (
        <Loading label="Loading your redemptions…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="Your redemptions could not be loaded" />
      ) : redemptions.length === 0 ? (
        <Empty>Nothing redeemed yet.</Empty>
      ) : (
        <>
          <ul className="cards" aria-label="Redemptions">
            {redemptions.map((redemption) => (
              <li key={redemption.id} className="card">
                <p>
                  <strong>{redemption.offerName}</strong> · {redemption.points.toLocaleString()} points{" "}
                  <span className={`badge ${redemption.status}`}>{statusLabels[redemption.status]}</span>
                </p>
                {redemption.status === "completed" && <RedemptionReveal redemptionId={redemption.id} />}
                <p className="muted">{formatDateTime(redemption.completedAt ?? redemption.createdAt)}</p>
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

function RedemptionReveal({ redemptionId }: { redemptionId: string }) {
  const [shown, setShown] = useState(false);
  const redemption = useQuery({
    queryKey: [...queryKeys.redemptions, "one", redemptionId],
    queryFn: ({ signal }) => api.redemptions.get({ redemptionId }, { signal }),
    enabled: shown,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (!shown) {
    return (
      <button type="button" className="secondary" onClick={() => setShown(true)}>
        Show code
      </button>
    );
  }
  if (redemption.isPending) return <Loading label="Loading your code…" />;
  if (redemption.isError) return <ProblemAlert error={redemption.error} title="Your code could not be loaded" />;
  return redemption.data.voucher ? <VoucherCode voucher={redemption.data.voucher} /> : null;
}
