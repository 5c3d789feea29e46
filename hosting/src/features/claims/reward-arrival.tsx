import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { PointsBalance } from "../../components/points-balance";
import { ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { formatReward } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";

// The rewards subscriber issues the reward a second or so after the claim completes, from the
// claim.completed.v1 event; a redelivered event can take longer, so the page keeps looking a while.
const pollMs = 1_500;
const giveUpAfterMs = 90_000;

/** A completed claim's reward: "on its way" until the subscriber has issued it. */
export function RewardArrival({ claimId }: { claimId: string }) {
  const queryClient = useQueryClient();
  const startedAt = useRef(Date.now());
  const rewards = useQuery({
    queryKey: [...queryKeys.rewards, "list"],
    queryFn: ({ signal }) => api.rewards.list({ limit: 50 }, { signal }),
    refetchInterval: (query) => {
      const issued = query.state.data?.data.some((r) => r.claimId === claimId && r.status === "issued");
      return issued || Date.now() - startedAt.current > giveUpAfterMs ? false : pollMs;
    },
    staleTime: 0,
  });
  const reward = rewards.data?.data.find((r) => r.claimId === claimId);
  const issued = reward?.status === "issued";

  useEffect(() => {
    if (issued) void queryClient.invalidateQueries({ queryKey: queryKeys.pointsBalance });
  }, [issued, queryClient]);

  const waitedTooLong = !issued && Date.now() - startedAt.current > giveUpAfterMs;
  return (
    <section className="reward-arrival" aria-labelledby="reward-title">
      <h2 id="reward-title">Your reward</h2>
      {rewards.isError ? (
        <ProblemAlert error={rewards.error} title="Your rewards could not be loaded" />
      ) : (
        <p role="status">
          {issued && reward
            ? `Reward issued: ${formatReward(reward)}.`
            : waitedTooLong
              ? "Your reward is taking longer than usual. It will appear under My rewards once issued."
              : "Your reward is on its way…"}
        </p>
      )}
      <PointsBalance refetchMs={issued ? false : pollMs} />
    </section>
  );
}
