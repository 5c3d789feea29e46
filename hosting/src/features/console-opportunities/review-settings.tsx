import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Opportunity } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";

type ReviewPolicy = Opportunity["reviewPolicy"];

const policyText: Record<ReviewPolicy, string> = {
  auto: "Automatic: the checks approve or reject each submission",
  auto_then_manual: "Checks, then a reviewer: failing work is rejected at once, a reviewer decides the rest",
  manual: "Manual: a reviewer decides every submission; the checks only advise",
};

/**
 * How the opportunity's submissions are decided: the review policy, the attempts a participant has
 * at each task, and the window after which work still awaiting review approves itself. Set while
 * it is a draft; shown afterwards.
 */
export function ReviewSettings({ opportunity }: { opportunity: Opportunity }) {
  const queryClient = useQueryClient();
  const [policy, setPolicy] = useState<ReviewPolicy>(opportunity.reviewPolicy);
  const [maxAttempts, setMaxAttempts] = useState(String(opportunity.maxAttempts));
  const [autoApproveAfterDays, setAutoApproveAfterDays] = useState(opportunity.autoApproveAfterDays === null ? "" : String(opportunity.autoApproveAfterDays));
  const save = useMutation({
    mutationFn: () =>
      api.opportunities.update({
        opportunityId: opportunity.id,
        reviewPolicy: policy,
        maxAttempts: Number(maxAttempts),
        autoApproveAfterDays: autoApproveAfterDays === "" ? null : Number(autoApproveAfterDays),
      }),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.opportunity(saved.id), saved),
  });

  if (opportunity.status !== "draft") {
    return (
      <section aria-labelledby="review-settings-title">
        <h2 id="review-settings-title">Review</h2>
        <p>
          {policyText[opportunity.reviewPolicy]}. Up to {opportunity.maxAttempts} attempts per task
          {opportunity.autoApproveAfterDays !== null && `; work left undecided for ${opportunity.autoApproveAfterDays} days approves itself`}.
        </p>
      </section>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const waitsForReviewer = policy !== "auto";
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="review-settings-title">
      <h2 id="review-settings-title">Review</h2>
      <fieldset>
        <legend>Who decides submissions</legend>
        <div className="choices">
          {(Object.keys(policyText) as ReviewPolicy[]).map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="review-policy" value={value} checked={policy === value} onChange={() => setPolicy(value)} />
              {policyText[value]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <label>
          Attempts per task
          <input type="number" required min={1} max={10} value={maxAttempts} onChange={(e) => setMaxAttempts(e.target.value)} aria-invalid={fieldProblem(save.error, "body.maxAttempts") ? true : undefined} />
        </label>
        {waitsForReviewer && (
          <label>
            Approve undecided work after (days) <span className="muted">(empty: never)</span>
            <input type="number" min={1} max={30} value={autoApproveAfterDays} onChange={(e) => setAutoApproveAfterDays(e.target.value)} />
          </label>
        )}
      </div>
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save review settings"}
      </button>
      {save.isSuccess && (
        <p className="success" role="status">
          Review settings saved.
        </p>
      )}
      <ProblemAlert error={save.error} title="The review settings could not be saved" />
    </form>
  );
}
