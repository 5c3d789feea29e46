import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { api } from "../../lib/api";
import { formatDateTime, formatReward } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { VoucherReveal } from "../rewards/voucher-reveal";

/** The voucher codes the participant's completed claims earned (the latest 100 rewards), each revealed on request. */
export function MyVouchers() {
  const rewards = useQuery({ queryKey: [...queryKeys.rewards, "latest"], queryFn: ({ signal }) => api.rewards.list({ limit: 100 }, { signal }) });
  const vouchers = rewards.data?.data.filter((reward) => reward.type === "voucher" && reward.status === "issued") ?? [];
  return (
    <section aria-labelledby="vouchers-heading">
      <h2 id="vouchers-heading">Voucher rewards</h2>
      {rewards.isPending ? (
        <Loading label="Loading your vouchers…" />
      ) : rewards.isError ? (
        <ProblemAlert error={rewards.error} title="Your vouchers could not be loaded" />
      ) : vouchers.length === 0 ? (
        <Empty>No voucher rewards yet.</Empty>
      ) : (
        <ul className="cards" aria-label="Voucher rewards">
          {vouchers.map((reward) => (
            <li key={reward.id} className="card">
              <p>
                <strong>{formatReward(reward)}</strong>
              </p>
              <VoucherReveal reward={reward} />
              <p className="muted">
                For <Link to={`/claims/${reward.claimId}`}>claim {reward.claimId}</Link> · {formatDateTime(reward.issuedAt ?? reward.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
