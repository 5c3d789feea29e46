import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Opportunity, Targeting } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { countryName, languageName } from "../../lib/places-and-languages";
import { queryKeys } from "../../lib/query-keys";
import { targetingDraftOf, toTargeting, type TargetingDraft } from "./opportunity-draft";
import { TargetingEditor } from "./targeting-editor";

/** Who may claim the opportunity: set while it is a draft, shown afterwards. */
export function TargetingSettings({ opportunity }: { opportunity: Opportunity }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TargetingDraft>(() => targetingDraftOf(opportunity.targeting));
  const save = useMutation({
    mutationFn: () => api.opportunities.update({ opportunityId: opportunity.id, targeting: toTargeting(draft) }),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.opportunity(saved.id), saved),
  });

  if (opportunity.status !== "draft") {
    return (
      <section aria-labelledby="targeting-title">
        <h2 id="targeting-title">Targeting</h2>
        <TargetingSummary targeting={opportunity.targeting} />
      </section>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="targeting-title">
      <h2 id="targeting-title">Targeting</h2>
      <TargetingEditor value={draft} onChange={setDraft} problem={(path) => fieldProblem(save.error, `body.${path}`)} />
      <ProblemAlert error={save.error} title="The targeting could not be saved" />
      <button type="submit" disabled={save.isPending}>
        Save targeting
      </button>
      {save.isSuccess && (
        <p role="status" className="success">
          Targeting saved.
        </p>
      )}
    </form>
  );
}

export function TargetingSummary({ targeting }: { targeting: Targeting }) {
  const lines = [
    targeting.countries?.length ? `In ${targeting.countries.map(countryName).join(", ")}` : undefined,
    targeting.ageRange ? `Aged ${targeting.ageRange.min} to ${targeting.ageRange.max}` : undefined,
    targeting.languages?.length ? `Speaking ${targeting.languages.map(languageName).join(" or ")}` : undefined,
    ...Object.entries(targeting.demographics ?? {}).map(([questionId, values]) => `Answered "${questionId}" with ${values.map((v) => `"${v}"`).join(" or ")}`),
  ].filter((line): line is string => line !== undefined);
  if (lines.length === 0) return <p>Everyone may claim it.</p>;
  return (
    <ul data-testid="targeting-summary">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
