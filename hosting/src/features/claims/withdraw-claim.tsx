import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Claim } from "@user-x/sdk";
import { ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";

/** Gives an active claim up: its place goes back to the opportunity for someone else. */
export function WithdrawClaim({ claim }: { claim: Claim }) {
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => api.claims.withdraw({ claimId: claim.id }),
    onSuccess: async (withdrawn) => {
      queryClient.setQueryData(queryKeys.claim(withdrawn.id), withdrawn);
      await queryClient.invalidateQueries({ queryKey: queryKeys.claims });
      await queryClient.invalidateQueries({ queryKey: queryKeys.opportunities });
    },
  });
  const onClick = () => {
    if (window.confirm("Withdraw from this opportunity? Your place goes to someone else, and what you have done so far is not rewarded.")) withdraw.mutate();
  };
  return (
    <div className="actions">
      <button type="button" className="secondary danger" disabled={withdraw.isPending} onClick={onClick}>
        Withdraw
      </button>
      <ProblemAlert error={withdraw.error} title="The claim could not be withdrawn" />
    </div>
  );
}
