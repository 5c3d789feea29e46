import { useInfiniteQuery } from "@tanstack/react-query";
import type { Opportunity } from "@user-x/sdk";
import { Link, useSearchParams } from "react-router";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { api } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { formatReward, placesLeft } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";

const rewardTypes = ["points", "voucher", "cash"] as const;
type RewardType = (typeof rewardTypes)[number];
const pageSize = 10;

function isRewardType(value: string | null): value is RewardType {
  return rewardTypes.some((type) => type === value);
}

export function OpportunitiesPage() {
  // The filter lives in the address, so a filtered list can be shared and survives a reload.
  const [params, setParams] = useSearchParams();
  const reward = params.get("reward");
  const rewardType = isRewardType(reward) ? reward : undefined;
  // A signed-in participant sees only what they may claim, unless they ask for everything.
  const signedIn = useAuth().status === "signed_in";
  const everything = params.get("all") === "1";

  const list = useInfiniteQuery({
    queryKey: [...queryKeys.opportunities, "active", rewardType ?? "any", everything ? "all" : "eligible"],
    queryFn: ({ pageParam, signal }) =>
      api.opportunities.list(
        { limit: pageSize, ...(everything ? { eligibility: "all" as const } : {}), ...(rewardType ? { rewardType } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const opportunities = list.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Page title="Opportunities">
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Reward type
          <select
            value={rewardType ?? ""}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.value) next.set("reward", e.target.value);
              else next.delete("reward");
              setParams(next, { replace: true });
            }}
          >
            <option value="">Any reward</option>
            <option value="points">Points</option>
            <option value="voucher">Voucher</option>
            <option value="cash">Cash</option>
          </select>
        </label>
        {signedIn && (
          <label>
            <input
              type="checkbox"
              checked={everything}
              onChange={(e) => {
                const next = new URLSearchParams(params);
                if (e.target.checked) next.set("all", "1");
                else next.delete("all");
                setParams(next, { replace: true });
              }}
            />
            Include opportunities I cannot claim
          </label>
        )}
      </form>
      {list.isPending ? (
        <Loading label="Loading opportunities…" />
      ) : !list.data ? (
        <ProblemAlert error={list.error} title="The opportunities could not be loaded" />
      ) : opportunities.length === 0 ? (
        <Empty>
          No opportunities {rewardType ? `with a ${rewardType} reward ` : ""}
          {signedIn && !everything ? "for you " : ""}right now. Come back soon{signedIn && !everything ? ", or complete your profile" : ""}.
        </Empty>
      ) : (
        <>
          <ul className="cards" aria-label="Opportunities">
            {opportunities.map((opportunity) => (
              <OpportunityCard key={opportunity.id} opportunity={opportunity} />
            ))}
          </ul>
          {list.isError && <ProblemAlert error={list.error} title="More opportunities could not be loaded" />}
          {list.hasNextPage && (
            <button type="button" className="secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {list.isFetchingNextPage ? "Loading…" : "Load more"}
            </button>
          )}
        </>
      )}
    </Page>
  );
}

function OpportunityCard({ opportunity }: { opportunity: Opportunity }) {
  const left = placesLeft(opportunity);
  return (
    <li className="card">
      <h2>
        <Link to={`/opportunities/${opportunity.id}`}>{opportunity.title}</Link>
      </h2>
      <p className="meta">
        <span className="badge reward">{formatReward(opportunity.reward)}</span>{" "}
        <span>{left === 0 ? "Full" : `${left} ${left === 1 ? "place" : "places"} left`}</span>
        {" · "}
        <span>
          {opportunity.tasks.length} {opportunity.tasks.length === 1 ? "task" : "tasks"}
        </span>
      </p>
      {opportunity.eligibility && !opportunity.eligibility.eligible && (
        <p className="muted">Not for you: {opportunity.eligibility.unmet.map((condition) => condition.message).join(" ")}</p>
      )}
    </li>
  );
}
