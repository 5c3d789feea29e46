import { useQuery } from "@tanstack/react-query";
import { api } from "../lib/api";
import { queryKeys } from "../lib/query-keys";
import { ProblemAlert } from "./problem-alert";

/** The signed-in participant's points; `refetchMs` keeps it fresh while a reward is on its way. */
export function PointsBalance({ refetchMs }: { refetchMs?: number | false }) {
  const balance = useQuery({
    queryKey: queryKeys.pointsBalance,
    queryFn: ({ signal }) => api.rewards.getPointsBalance(undefined, { signal }),
    refetchInterval: refetchMs ?? false,
  });
  if (balance.isError) return <ProblemAlert error={balance.error} title="Your points balance could not be loaded" />;
  return (
    <p className="balance">
      Points balance:{" "}
      <strong data-testid="points-balance" aria-busy={balance.isPending}>
        {balance.isPending ? "…" : balance.data.points}
      </strong>
    </p>
  );
}
