import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { MethodInput, Opportunity } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { amountStep, amountText, parseAmount, rewardUnit } from "../../lib/money";
import { queryKeys } from "../../lib/query-keys";

type Patch = Omit<MethodInput<typeof import("../../../../functions/src/contracts/opportunities").opportunityRoutes.updateOpportunity>, "opportunityId">;

/**
 * Edits what may still change. A draft takes any field (its tasks through the builder, not here);
 * a running campaign only its description, a later end, more places, more claims per participant
 * and a shorter wait between them (functions/src/domain/opportunities/opportunity-patch.ts). Only
 * the fields changed are sent. The page mounts it afresh for each saved version (its fields start
 * from that version), so the page tells it (`justSaved`) when the version shown is its own save.
 */
export function EditOpportunityForm({ opportunity, justSaved, onSaved }: { opportunity: Opportunity; justSaved: boolean; onSaved: (saved: Opportunity) => void }) {
  const queryClient = useQueryClient();
  const isDraft = opportunity.status === "draft";
  const [title, setTitle] = useState(opportunity.title);
  const [description, setDescription] = useState(opportunity.description);
  const [capacity, setCapacity] = useState(String(opportunity.capacity));
  const [expiresAt, setExpiresAt] = useState(toLocalInput(opportunity.expiresAt));
  const [maxClaimsPerUser, setMaxClaimsPerUser] = useState(String(opportunity.maxClaimsPerUser));
  const [claimCooldownMinutes, setClaimCooldownMinutes] = useState(String(opportunity.claimCooldownMinutes));
  // In the reward's unit: points, or its currency as decimal text ("12.50"), kept in minor units.
  const unit = rewardUnit(opportunity.reward);
  const savedBudget = opportunity.budget === null ? "" : amountText(opportunity.budget, unit);
  const [budget, setBudget] = useState(savedBudget);
  const save = useMutation({
    mutationFn: (patch: Patch) => api.opportunities.update({ opportunityId: opportunity.id, ...patch }),
    onSuccess: async (saved) => {
      onSaved(saved);
      queryClient.setQueryData(queryKeys.opportunity(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: queryKeys.opportunities });
    },
  });
  if (opportunity.status !== "draft" && opportunity.status !== "active" && opportunity.status !== "paused") return null;

  const changes = (): Patch => ({
    ...(isDraft && title.trim() !== opportunity.title ? { title: title.trim() } : {}),
    ...(description !== opportunity.description ? { description } : {}),
    ...(Number(capacity) !== opportunity.capacity ? { capacity: Number(capacity) } : {}),
    ...(expiresAt !== toLocalInput(opportunity.expiresAt) && expiresAt !== "" ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
    ...(Number(maxClaimsPerUser) !== opportunity.maxClaimsPerUser ? { maxClaimsPerUser: Number(maxClaimsPerUser) } : {}),
    ...(Number(claimCooldownMinutes) !== opportunity.claimCooldownMinutes ? { claimCooldownMinutes: Number(claimCooldownMinutes) } : {}),
    // The input's step refuses what parseAmount cannot read, so an unreadable amount is never sent (null would remove the budget).
    ...(budget !== savedBudget && (budget === "" || parseAmount(budget, unit) !== null) ? { budget: budget === "" ? null : parseAmount(budget, unit) } : {}),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const patch = changes();
    if (Object.keys(patch).length > 0) save.mutate(patch);
  };
  const problemAt = (field: string) => fieldProblem(save.error, `body.${field}`);
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="edit-title">
      <h2 id="edit-title">Edit</h2>
      {!isDraft && (
        <p className="muted">
          While it runs: the description, a later end, more places ({opportunity.claimsCount} are taken), more claims per participant and a shorter wait between them.
        </p>
      )}
      {isDraft && (
        <label>
          Title
          <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={problemAt("title") ? true : undefined} />
        </label>
      )}
      <label>
        Description
        <textarea rows={4} maxLength={10_000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        Places
        <input type="number" required min={isDraft ? 1 : opportunity.capacity} max={1_000_000} value={capacity} onChange={(e) => setCapacity(e.target.value)} aria-invalid={problemAt("capacity") ? true : undefined} />
      </label>
      {problemAt("capacity") && <p className="field-error">{problemAt("capacity")}</p>}
      <label>
        Ends at (your time)
        <input type="datetime-local" value={expiresAt} min={isDraft ? undefined : toLocalInput(opportunity.expiresAt) || undefined} onChange={(e) => setExpiresAt(e.target.value)} />
      </label>
      <div className="row">
        <label>
          Claims per participant <span className="muted">(1: once; more: they may come back)</span>
          <input
            type="number"
            required
            min={isDraft ? 1 : opportunity.maxClaimsPerUser}
            max={1_000}
            value={maxClaimsPerUser}
            onChange={(e) => setMaxClaimsPerUser(e.target.value)}
            aria-invalid={problemAt("maxClaimsPerUser") ? true : undefined}
          />
        </label>
        <label>
          Wait between claims (minutes)
          <input
            type="number"
            required
            min={0}
            max={isDraft ? 60 * 24 * 366 : opportunity.claimCooldownMinutes}
            value={claimCooldownMinutes}
            onChange={(e) => setClaimCooldownMinutes(e.target.value)}
            aria-invalid={problemAt("claimCooldownMinutes") ? true : undefined}
          />
        </label>
      </div>
      <label>
        Budget ({unit}) <span className="muted">(empty: no limit; each claim commits its reward)</span>
        <input
          type="number"
          step={amountStep(unit)}
          min={isDraft || opportunity.budget === null ? amountStep(unit) : savedBudget}
          value={budget}
          onChange={(e) => setBudget(e.target.value)}
          aria-invalid={problemAt("budget") ? true : undefined}
        />
      </label>
      {problemAt("budget") && <p className="field-error">{problemAt("budget")}</p>}
      <ProblemAlert error={save.error} title="The changes could not be saved" />
      <button type="submit" disabled={save.isPending}>
        Save changes
      </button>
      {justSaved && (
        <p role="status" className="success">
          Saved.
        </p>
      )}
    </form>
  );
}

/** An ISO timestamp as a `datetime-local` value in the browser's time zone; "" for none. */
function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const at = new Date(iso);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
