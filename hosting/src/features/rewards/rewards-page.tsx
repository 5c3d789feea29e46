import { useInfiniteQuery } from "@tanstack/react-query";
import type { Reward } from "@user-x/sdk";
import { Link } from "react-router";
import { Page } from "../../components/page";
import { PointsBalance } from "../../components/points-balance";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { api } from "../../lib/api";
import { formatDateTime, formatReward } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { VoucherReveal } from "./voucher-reveal";

/** A reward's state in the participant's words; a failed one is retried, so most failures read as a wait. */
function rewardStatusLabel(reward: Reward): string {
  if (reward.status === "issued") return "issued";
  if (reward.status === "pending") return "on its way";
  return reward.failureReason === "pool_exhausted" ? "waiting for the organization to add codes" : "could not be paid";
}

export function RewardsPage() {
  const list = useInfiniteQuery({
    queryKey: [...queryKeys.rewards, "pages"],
    queryFn: ({ pageParam, signal }) => api.rewards.list({ limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A reward issued a moment ago by the rewards subscriber shows without a reload.
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.data.some((r) => r.status === "pending")) ? 2_000 : false),
  });
  const rewards = list.data?.pages.flatMap((page) => page.data) ?? [];
  const pending = rewards.some((r) => r.status === "pending");

  return (
    <Page title="My rewards">
      <PointsBalance refetchMs={pending ? 2_000 : false} />
      {list.isPending ? (
        <Loading label="Loading your rewards…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="Your rewards could not be loaded" />
      ) : rewards.length === 0 ? (
        <Empty>
          No rewards yet: complete a claim to earn one. <Link to="/">Browse opportunities</Link>.
        </Empty>
      ) : (
        <>
          <ul className="cards" aria-label="Rewards">
            {rewards.map((reward) => (
              <li key={reward.id} className="card">
                <p>
                  <strong>{formatReward(reward)}</strong> <span className={`badge ${reward.status}`}>{rewardStatusLabel(reward)}</span>
                </p>
                {reward.type === "voucher" && reward.status === "issued" && <VoucherReveal reward={reward} />}
                <p className="muted">
                  For <Link to={`/claims/${reward.claimId}`}>claim {reward.claimId}</Link> · {formatDateTime(reward.issuedAt ?? reward.createdAt)}
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
    </Page>
  );
}
