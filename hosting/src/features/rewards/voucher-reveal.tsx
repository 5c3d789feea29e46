import { useQuery } from "@tanstack/react-query";
import type { Reward } from "@user-x/sdk";
import { useState } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { VoucherCode } from "../../components/voucher-code";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";

/** An issued voucher's code, fetched only when the participant asks to see it. */
export function VoucherReveal({ reward }: { reward: Reward }) {
  const [shown, setShown] = useState(false);
  const voucher = useQuery({
    queryKey: queryKeys.rewardVoucher(reward.id),
    queryFn: ({ signal }) => api.rewards.getVoucher({ rewardId: reward.id }, { signal }),
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
  if (voucher.isPending) return <Loading label="Loading your code…" />;
  if (voucher.isError) return <ProblemAlert error={voucher.error} title="Your code could not be loaded" />;
  return <VoucherCode voucher={voucher.data} />;
}
