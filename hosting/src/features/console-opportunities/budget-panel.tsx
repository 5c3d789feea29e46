import { useQuery } from "@tanstack/react-query";
import type { Budget, Opportunity } from "@user-x/sdk";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { api } from "../../lib/api";
import { formatAmount } from "../../lib/money";
import { queryKeys } from "../../lib/query-keys";

/**
 * Where the opportunity stands against its budget: what its running and completed claims commit,
 * what issued rewards spent, and what is left for new claims. Read again with the opportunity.
 */
export function BudgetPanel({ opportunity }: { opportunity: Opportunity }) {
  const budget = useQuery({
    queryKey: queryKeys.opportunityBudget(opportunity.id),
    queryFn: ({ signal }) => api.opportunities.getBudget({ opportunityId: opportunity.id }, { signal }),
  });
  return (
    <section aria-labelledby="budget-title">
      <h2 id="budget-title">Budget</h2>
      {budget.isPending ? (
        <Loading label="Loading the budget…" />
      ) : budget.isError ? (
        <ProblemAlert error={budget.error} title="The budget could not be loaded" />
      ) : (
        <BudgetFigures budget={budget.data} />
      )}
    </section>
  );
}

function BudgetFigures({ budget }: { budget: Budget }) {
  // Amounts are in the budget's unit: points, or minor units of the reward's currency.
  const amount = (value: number) => formatAmount(value, budget.unit);
  return (
    <>
      <dl className="figures" data-testid="budget-figures">
        <div>
          <dt>Limit</dt>
          <dd>{budget.limit === null ? "none (places only)" : amount(budget.limit)}</dd>
        </div>
        <div>
          <dt>Committed</dt>
          <dd>{amount(budget.committed)}</dd>
        </div>
        <div>
          <dt>Spent</dt>
          <dd>{amount(budget.spent)}</dd>
        </div>
        <div>
          <dt>Remaining</dt>
          <dd>{budget.remaining === null ? "—" : amount(budget.remaining)}</dd>
        </div>
      </dl>
      {budget.limit !== null && (
        <meter min={0} max={budget.limit} value={budget.committed} aria-label="Budget committed">
          {budget.committed} of {budget.limit}
        </meter>
      )}
      <p className="muted">
        Each claim commits its reward ({amount(budget.costPerClaim)}) while it holds a place; a claim that is withdrawn, expires or is rejected gives it back, and
        an issued reward spends it.
      </p>
    </>
  );
}
