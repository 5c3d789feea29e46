import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReviewBatchResult } from "@user-x/sdk";
import { useState } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";
import { RejectionReasonSelect, type ReviewerReason } from "./rejection-reason-select";


/** Decides every ticked submission at once; each one's refusal is listed, the others stand. */
export function BulkReview({ orgId, selected, onDone }: { orgId: string; selected: string[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<ReviewerReason>("incomplete");
  const [refused, setRefused] = useState<Extract<ReviewBatchResult, { ok: false }>[]>([]);
  const review = useMutation({
    mutationFn: (decision: "approve" | "reject") =>
      api.submissions.review({
        orgId,
        decisions: selected.map((submissionId) => (decision === "approve" ? { submissionId, decision } : { submissionId, decision, reasonCode: reason })),
      }),
    onSuccess: async ({ results }) => {
      setRefused(results.filter((result): result is Extract<ReviewBatchResult, { ok: false }> => !result.ok));
      await queryClient.invalidateQueries({ queryKey: queryKeys.submissions(orgId) });
      onDone();
    },
  });
  return (
    <div className="bulk-review" aria-label="Decide the selected submissions" role="group">
      <span>{selected.length} selected</span>
      <button type="button" disabled={selected.length === 0 || review.isPending} onClick={() => review.mutate("approve")}>
        Approve selected
      </button>
      <RejectionReasonSelect label={<span className="visually-hidden">Reason for rejecting the selected</span>} value={reason} onChange={setReason} />
      <button type="button" className="secondary danger" disabled={selected.length === 0 || review.isPending} onClick={() => review.mutate("reject")}>
        Reject selected
      </button>
      <ProblemAlert error={review.error} title="The decisions could not be recorded" />
      {refused.length > 0 && (
        <div className="alert" role="alert">
          <p className="alert-title">{refused.length} could not be decided</p>
          <ul>
            {refused.map((result) => (
              <li key={result.submissionId}>
                <code>{result.submissionId}</code>: {result.problem.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
