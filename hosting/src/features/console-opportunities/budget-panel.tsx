import { useQuery } from "@tanstack/react-query";
import type { Opportunity } from "@user-x/sdk";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";

const points = (value: number) => `${value.toLocaleString()} points`;

/**
 * Where the opportunity stands against its budget: what its running and completed claims commit,
 * what issued rewards spent, and what is left for new claims. Read again with the opportunity.
 */
export function BudgetPanel({ opportunity }: { opportunity: Opportunity }) {
  const budget = useQuery({
    queryKey: queryKeys.opportunityBudget(opportunity.id),
    queryFn: ({ signal }) => api.opportunities.getBudget({ opportunityId: opportunity.id }, { signal }),
    // Money rewards have no budget yet (the API answers not_supported): nothing to show.
    enabled: opportunity.reward.type === "points",
  });
  if (opportunity.reward.type !== "points") return null;
  return (
    <section aria-labelledby="budget-title">
      <h2 id="budget-title">Budget</h2>
      {budget.isPending ? (
        <Loading label="Loading the budget…" />
      ) : budget.isError ? (
        <ProblemAlert error={budget.error} title="The budget could not be loaded" />
      ) : (
        <>
          <dl className="figures" data-testid="budget-figures">
            <div>
              <dt>Limit</dt>
              <dd>{budget.data.limit === null ? "none (places only)" : points(budget.data.limit)}</dd>
            </div>
            <div>
              <dt>Committed</dt>
              <dd>{points(budget.data.committed)}</dd>
            </div>
            <div>
              <dt>Spent</dt>
              <dd>{points(budget.data.spent)}</dd>
            </div>
            <div>
              <dt>Remaining</dt>
              <dd>{budget.data.remaining === null ? "—" : points(budget.data.remaining)}</dd>
            </div>
          </dl>
          {budget.data.limit !== null && (
            <meter min={0} max={budget.data.limit} value={budget.data.committed} aria-label="Budget committed">
              {budget.data.committed} of {budget.data.limit}
            </meter>
          )}
          <p className="muted">
            Each claim commits its reward ({points(budget.data.costPerClaim)}) while it holds a place; a claim that is withdrawn, expires or is rejected gives it back, and
            an issued reward spends it.
          </p>
        </>
      )}
    </section>
  );
}
