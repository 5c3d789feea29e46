import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Page } from "../../components/page";
import { PointsBalance } from "../../components/points-balance";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { MyPayoutsList } from "../payouts/my-payouts-list";
import { MyRedemptions } from "../redemptions/my-redemptions";
import { RedemptionCatalogue } from "../redemptions/redemption-catalogue";
import { MyVouchers } from "./my-vouchers";
import { pointsEntryLabel, signedPoints } from "./points-entry-label";

/**
 * The participant's wallet, everything they earned in one place: the points balance, what points
 * buy, the codes they hold (from rewards and from points), cash payouts, and every movement of
 * their points, newest first. /rewards and /payouts remain the full lists.
 */
export function WalletPage() {
  const history = useInfiniteQuery({
    queryKey: [...queryKeys.pointsBalance, "entries"],
    queryFn: ({ pageParam, signal }) => api.rewards.listPointsEntries({ limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = history.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Page title="My wallet">
      <PointsBalance />
      <RedemptionCatalogue />
      <MyVouchers />
      <MyRedemptions />
      <MyPayoutsList />
      <p>
        <Link to="/payouts">Where payouts are paid</Link> · <Link to="/rewards">Every reward</Link>
      </p>
      <h2>Points history</h2>
      {history.isPending ? (
        <Loading label="Loading your points history…" />
      ) : history.isError ? (
        <ProblemAlert error={history.error} title="Your points history could not be loaded" />
      ) : entries.length === 0 ? (
        <Empty>
          No points yet: complete a claim to earn some. <Link to="/">Browse opportunities</Link>.
        </Empty>
      ) : (
        <>
          <table aria-label="Points history">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Points</th>
                <th scope="col">Balance</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>
                    {pointsEntryLabel(entry)}
                    {entry.reason && (entry.kind === "adjust" || entry.kind === "redeem" || entry.kind === "refund") && <span className="muted"> · {entry.reason}</span>}
                    {entry.kind === "earn" && entry.expiresAt && <span className="muted"> · expires {formatDateTime(entry.expiresAt)}</span>}
                  </td>
                  <td>{signedPoints(entry.points)}</td>
                  <td>{entry.balanceAfter}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {history.hasNextPage && (
            <button type="button" className="secondary" disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
              Load more
            </button>
          )}
        </>
      )}
    </Page>
  );
}
