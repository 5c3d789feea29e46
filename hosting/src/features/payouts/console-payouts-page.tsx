import { useInfiniteQuery } from "@tanstack/react-query";
import type { PayoutStatus } from "@user-x/sdk";
import { useState } from "react";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import { queryKeys } from "../../lib/query-keys";

const statuses: readonly PayoutStatus[] = ["pending", "processing", "paid", "failed"];
const failureLabels = { provider_refused: "refused by the provider", delivery_failed: "could not be delivered" } as const;

export function ConsolePayoutsPage() {
  return <WithOrg>{(org) => <OrganizationPayouts orgId={org.id} />}</WithOrg>;
}

/** The organization's cash payouts, newest first, narrowed to one status if the member likes. */
function OrganizationPayouts({ orgId }: { orgId: string }) {
  const [status, setStatus] = useState<PayoutStatus | "">("");
  const filter = { orgId, ...(status && { status }) };
  const list = useInfiniteQuery({
    queryKey: [...queryKeys.organizationPayouts(orgId), filter],
    queryFn: ({ pageParam, signal }) => api.payouts.listOrganization({ ...filter, limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const payouts = list.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Page title="Payouts">
      <div className="row filters-row">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as PayoutStatus | "")}>
            <option value="">All statuses</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.isPending ? (
        <Loading label="Loading payouts…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} title="The payouts could not be loaded" />
      ) : payouts.length === 0 ? (
        <Empty>{status ? `No ${status} payouts.` : "No payouts yet: opportunities with a cash reward pay their participants here."}</Empty>
      ) : (
        <>
          <table aria-label="Payouts">
            <thead>
              <tr>
                <th>Amount</th>
                <th>Status</th>
                <th>Participant</th>
                <th>Claim</th>
                <th>Created</th>
                <th>Paid</th>
              </tr>
            </thead>
            <tbody>
              {payouts.map((payout) => (
                <tr key={payout.id} data-testid={`payout-${payout.id}`}>
                  <td>{formatMoney(payout.amount, payout.currency)}</td>
                  <td>
                    <span className={`badge ${payout.status}`}>{payout.status}</span>
                    {payout.waitingForDetails && <span className="muted"> waiting for payout details</span>}
                    {payout.failureReason && <span className="muted"> {failureLabels[payout.failureReason]}</span>}
                  </td>
                  <td>
                    <code>{payout.userId}</code>
                  </td>
                  <td>
                    <code>{payout.claimId}</code>
                  </td>
                  <td>{formatDateTime(payout.createdAt)}</td>
                  <td>{payout.paidAt ? formatDateTime(payout.paidAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.hasNextPage && (
            <button type="button" className="secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              Load more
            </button>
          )}
        </>
      )}
    </Page>
  );
}
