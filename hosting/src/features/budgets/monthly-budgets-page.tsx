import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MonthlyBudget, MonthlyBudgets, Organization } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { amountStep, amountText, formatAmount, parseAmount } from "../../lib/money";
import { queryKeys } from "../../lib/query-keys";

/**
 * The organization's monthly budgets: per unit, what this month's claims commit against the limit
 * and what issued rewards spent; and the limits, which owners and admins set.
 */
export function MonthlyBudgetsPage() {
  return <WithOrg>{(org) => <MonthlyBudgetsOf org={org} />}</WithOrg>;
}

function MonthlyBudgetsOf({ org }: { org: Organization }) {
  const budgets = useQuery({
    queryKey: queryKeys.monthlyBudgets(org.id),
    queryFn: ({ signal }) => api.budgets.getMonthly({ orgId: org.id }, { signal }),
  });
  return (
    <Page title="Monthly budgets">
      <p className="muted">
        What all of {org.name}'s claims may commit in one calendar month (UTC), per unit. A claim commits its reward while it runs and keeps it once it completes; a
        claim that would take the month past its unit's limit is refused. Each opportunity's own budget applies too.
      </p>
      {budgets.isPending ? (
        <Loading label="Loading the monthly budgets…" />
      ) : budgets.isError ? (
        <ProblemAlert error={budgets.error} title="The monthly budgets could not be loaded" />
      ) : (
        <>
          <MonthStanding standing={budgets.data} />
          <LimitsForm org={org} standing={budgets.data} />
        </>
      )}
    </Page>
  );
}

function MonthStanding({ standing }: { standing: MonthlyBudgets }) {
  if (standing.budgets.length === 0) return <p>No limit is set and no claim was made in {standing.month}.</p>;
  return (
    <table aria-label={`Monthly budgets of ${standing.month}`}>
      <thead>
        <tr>
          <th scope="col">Unit</th>
          <th scope="col">Limit</th>
          <th scope="col">Committed</th>
          <th scope="col">Spent</th>
          <th scope="col">Remaining</th>
        </tr>
      </thead>
      <tbody>
        {standing.budgets.map((budget) => (
          <BudgetRow key={budget.unit} budget={budget} />
        ))}
      </tbody>
    </table>
  );
}

function BudgetRow({ budget }: { budget: MonthlyBudget }) {
  const amount = (value: number) => formatAmount(value, budget.unit);
  return (
    <tr data-testid={`monthly-budget-${budget.unit}`}>
      <th scope="row">{budget.unit}</th>
      <td>{budget.limit === null ? "none" : amount(budget.limit)}</td>
      <td>
        {amount(budget.committed)}
        {budget.limit !== null && (
          <meter min={0} max={budget.limit} value={budget.committed} aria-label={`${budget.unit} committed`}>
            {budget.committed} of {budget.limit}
          </meter>
        )}
      </td>
      <td>{amount(budget.spent)}</td>
      <td>{budget.remaining === null ? "—" : amount(budget.remaining)}</td>
    </tr>
  );
}

interface LimitRow {
  unit: string;
  amount: string;
}

/** The limits as editable rows: a unit and an amount in it; an emptied row removes the unit's limit. */
function LimitsForm({ org, standing }: { org: Organization; standing: MonthlyBudgets }) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<LimitRow[]>(() => {
    const set = standing.budgets.filter((budget) => budget.limit !== null).map((budget) => ({ unit: budget.unit, amount: amountText(budget.limit ?? 0, budget.unit) }));
    return set.length > 0 ? set : [{ unit: "points", amount: "" }];
  });
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (limits: Record<string, number>) => api.budgets.setMonthly({ orgId: org.id, limits }),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.monthlyBudgets(org.id), saved),
  });
  const change = (index: number, patch: Partial<LimitRow>) => setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const limits: Record<string, number> = {};
    for (const row of rows.filter((r) => r.amount.trim() !== "")) {
      const unit = row.unit.trim();
      const value = parseAmount(row.amount, unit);
      if (value === null || value < 1) {
        setInvalid(`${row.amount} is not an amount in ${unit}`);
        return;
      }
      limits[unit] = value;
    }
    setInvalid(null);
    save.mutate(limits);
  };
  return (
    <form className="form" onSubmit={onSubmit} aria-label="Monthly limits">
      <h2>Limits</h2>
      {rows.map((row, index) => (
        <fieldset key={index}>
          <label>
            Unit
            <input required pattern="points|[A-Z]{3}" title="points, or an ISO 4217 currency such as EUR" value={row.unit} onChange={(e) => change(index, { unit: e.target.value })} />
          </label>
          <label>
            Limit per month
            <input type="number" min={0} step={amountStep(row.unit)} value={row.amount} onChange={(e) => change(index, { amount: e.target.value })} />
          </label>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => setRows((current) => [...current, { unit: "", amount: "" }])}>
        Add a unit
      </button>
      {invalid && (
        <p role="alert" className="error">
          {invalid}
        </p>
      )}
      <ProblemAlert error={save.error} title="The limits could not be saved" />
      <button type="submit" disabled={save.isPending}>
        Save limits
      </button>
      {save.isSuccess && (
        <p role="status" className="success">
          Limits saved.
        </p>
      )}
    </form>
  );
}
