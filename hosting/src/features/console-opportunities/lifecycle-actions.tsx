import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Opportunity } from "@user-x/sdk";
import { useNavigate } from "react-router";
import { canTransition, type OpportunityTransition } from "../../../../functions/src/domain/opportunities/lifecycle";
import { ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";

// The moves offered are those the domain's own transition table allows from the current status,
// so the console never shows a button the API would refuse (publishing has its own call to action).
const moves: ReadonlyArray<{ transition: Exclude<OpportunityTransition, "publish">; label: string; confirm?: string }> = [
  { transition: "pause", label: "Pause" },
  { transition: "resume", label: "Resume" },
  { transition: "complete", label: "Complete", confirm: "Complete this opportunity? Nobody can claim it any more; claims in progress may still finish." },
  { transition: "archive", label: "Archive" },
  { transition: "delete", label: "Delete draft", confirm: "Delete this draft? This cannot be undone." },
];

export function LifecycleActions({ opportunity }: { opportunity: Opportunity }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const move = useMutation({
    mutationFn: (transition: (typeof moves)[number]["transition"]) => api.opportunities[transition]({ opportunityId: opportunity.id }),
    onSuccess: async (changed) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.opportunities });
      if (changed.status === "deleted") navigate("/console/opportunities", { replace: true });
      else queryClient.setQueryData(queryKeys.opportunity(changed.id), changed);
    },
  });
  const offered = moves.filter((m) => canTransition(opportunity.status, m.transition));
  if (offered.length === 0) return null;
  return (
    <div className="actions" role="group" aria-label="Lifecycle">
      {offered.map((m) => (
        <button
          key={m.transition}
          type="button"
          className={m.transition === "delete" ? "secondary danger" : "secondary"}
          disabled={move.isPending}
          onClick={() => {
            if (!m.confirm || window.confirm(m.confirm)) move.mutate(m.transition);
          }}
        >
          {m.label}
        </button>
      ))}
      <ProblemAlert error={move.error} title="The opportunity could not be changed" />
    </div>
  );
}
