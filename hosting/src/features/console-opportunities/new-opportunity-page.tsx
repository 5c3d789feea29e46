import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Page } from "../../components/page";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { amountStep } from "../../lib/money";
import { queryKeys } from "../../lib/query-keys";
import { newOpportunityDraft, newTask, toOpportunityIn, type OpportunityDraft, type RewardType } from "./opportunity-draft";
import { TargetingEditor } from "./targeting-editor";
import { TaskEditor } from "./task-editor";

export function NewOpportunityPage() {
  return <WithOrg>{(org) => <NewOpportunity orgId={org.id} orgName={org.name} />}</WithOrg>;
}

function NewOpportunity({ orgId, orgName }: { orgId: string; orgName: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<OpportunityDraft>(newOpportunityDraft);
  const set = (patch: Partial<OpportunityDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const create = useMutation({
    mutationFn: () => api.opportunities.create(toOpportunityIn(orgId, draft)),
    onSuccess: async (opportunity) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.opportunities });
      void navigate(`/console/opportunities/${opportunity.id}`);
    },
  });
  const problem = (path: string) => fieldProblem(create.error, `body.${path}`);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const money = draft.rewardType !== "points";
  const unit = money ? draft.currency : "points";
  const pools = useQuery({
    queryKey: queryKeys.voucherPools(orgId),
    queryFn: ({ signal }) => api.vouchers.listPools({ orgId, limit: 100 }, { signal }),
    enabled: draft.rewardType === "voucher",
  });

  return (
    <Page title="New opportunity">
      <p className="muted">A draft of {orgName}: participants see it once you publish it.</p>
      <form className="form builder" onSubmit={onSubmit}>
        <label>
          Opportunity title
          <input required maxLength={200} value={draft.title} onChange={(e) => set({ title: e.target.value })} />
        </label>
        {problem("title") && <p className="field-error">{problem("title")}</p>}
        <label>
          Description
          <textarea rows={4} maxLength={10000} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
        </label>
        <fieldset>
          <legend>Reward</legend>
          <div className="row">
            <label>
              Reward type
              <select value={draft.rewardType} onChange={(e) => set({ rewardType: rewardTypeOf(e.target.value) })}>
                <option value="points">Points</option>
                <option value="voucher">Voucher</option>
                <option value="cash">Cash</option>
              </select>
            </label>
            <label>
              {money ? "Amount" : "Points"}
              <input type="number" required min={amountStep(unit)} step={amountStep(unit)} value={draft.rewardValue} onChange={(e) => set({ rewardValue: e.target.value })} />
            </label>
            {draft.rewardType === "voucher" && (
              <label>
                Codes from
                <select required value={draft.poolId} onChange={(e) => set({ poolId: e.target.value })}>
                  <option value="">Choose a voucher pool</option>
                  {pools.data?.data.map((pool) => (
                    <option key={pool.id} value={pool.id}>
                      {pool.name} ({pool.stock.available} left)
                    </option>
                  ))}
                </select>
              </label>
            )}
            {money && (
              <label>
                Currency
                <input required pattern="[A-Za-z]{3}" maxLength={3} title="A three-letter ISO 4217 code, such as EUR" value={draft.currency} onChange={(e) => set({ currency: e.target.value.toUpperCase() })} />
              </label>
            )}
          </div>
          {draft.rewardType === "voucher" && <p className="muted">Each participant who completes gets one code of the pool, worth the amount above.</p>}
          {draft.rewardType === "cash" && <p className="muted">Cash rewards can be drafted; publishing them comes with a later release.</p>}
          {problem("reward.value") && <p className="field-error">{problem("reward.value")}</p>}
        </fieldset>
        <label>
          Capacity (participants)
          <input type="number" required min={1} max={1000000} step={1} value={draft.capacity} onChange={(e) => set({ capacity: e.target.value })} />
        </label>
        {problem("capacity") && <p className="field-error">{problem("capacity")}</p>}
        <TargetingEditor value={draft.targeting} onChange={(targeting) => set({ targeting })} problem={problem} />
        <h2>Tasks</h2>
        {draft.tasks.map((task, index) => (
          <TaskEditor
            key={task.key}
            task={task}
            number={index + 1}
            onChange={(next) => set({ tasks: draft.tasks.map((t) => (t.key === task.key ? next : t)) })}
            onRemove={draft.tasks.length > 1 ? () => set({ tasks: draft.tasks.filter((t) => t.key !== task.key) }) : undefined}
            problem={(path) => problem(`tasks.${index}.${path}`)}
          />
        ))}
        <button type="button" className="secondary" onClick={() => set({ tasks: [...draft.tasks, newTask(draft.tasks.length)] })}>
          Add task
        </button>
        <ProblemAlert error={create.error} title="The opportunity could not be created" />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create opportunity"}
        </button>
      </form>
    </Page>
  );
}

function rewardTypeOf(value: string): RewardType {
  return value === "voucher" || value === "cash" ? value : "points";
}
