import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { VoucherPool } from "@user-x/sdk";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { GenerateCodesForm } from "./generate-codes-form";
import { ImportCodesForm } from "./import-codes-form";

export function VoucherPoolPage() {
  const { poolId = "" } = useParams();
  return <WithOrg>{(org) => <VoucherPoolView orgId={org.id} poolId={poolId} />}</WithOrg>;
}

function VoucherPoolView({ orgId, poolId }: { orgId: string; poolId: string }) {
  const pool = useQuery({ queryKey: queryKeys.voucherPool(orgId, poolId), queryFn: ({ signal }) => api.vouchers.getPool({ orgId, poolId }, { signal }) });
  if (pool.isPending) return <Loading label="Loading the voucher pool…" />;
  if (pool.isError) return <ProblemAlert error={pool.error} title="The voucher pool could not be loaded" />;
  return (
    <Page title={pool.data.name}>
      <p>
        <Link to="/console/vouchers">All voucher pools</Link>
      </p>
      <Stock pool={pool.data} />
      {pool.data.redemptionInstructions && <p className="muted">How to redeem: {pool.data.redemptionInstructions}</p>}
      <ImportCodesForm orgId={orgId} poolId={poolId} />
      <GenerateCodesForm orgId={orgId} poolId={poolId} />
      <Codes orgId={orgId} poolId={poolId} />
    </Page>
  );
}

function Stock({ pool }: { pool: VoucherPool }) {
  const { stock } = pool;
  return (
    <section aria-labelledby="stock-title">
      <h2 id="stock-title">Stock</h2>
      <dl className="figures" data-testid="pool-stock">
        <div>
          <dt>Left</dt>
          <dd>{stock.available.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Given</dt>
          <dd>{stock.allocated.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd>{stock.added.toLocaleString()}</dd>
        </div>
      </dl>
      {stock.added > 0 && (
        <meter min={0} max={stock.added} value={stock.allocated} aria-label="Codes given">
          {stock.allocated} of {stock.added}
        </meter>
      )}
      {stock.available <= pool.lowStockThreshold && <p className="field-error">Running low: {stock.available} left (the warning is at {pool.lowStockThreshold}).</p>}
    </section>
  );
}

function Codes({ orgId, poolId }: { orgId: string; poolId: string }) {
  const [status, setStatus] = useState<"" | "available" | "allocated">("");
  const codes = useInfiniteQuery({
    queryKey: [...queryKeys.voucherPool(orgId, poolId), "codes", status],
    queryFn: ({ pageParam, signal }) => api.vouchers.listCodes({ orgId, poolId, limit: 50, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = codes.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <section aria-labelledby="codes-title">
      <h2 id="codes-title">Codes</h2>
      <label>
        Show
        <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          <option value="">all</option>
          <option value="available">not given yet</option>
          <option value="allocated">given</option>
        </select>
      </label>
      {codes.isPending ? (
        <Loading label="Loading codes…" />
      ) : codes.isError ? (
        <ProblemAlert error={codes.error} title="The codes could not be loaded" />
      ) : rows.length === 0 && !codes.hasNextPage ? (
        <Empty>No codes here.</Empty>
      ) : (
        <>
          <table aria-label="Codes">
            <thead>
              <tr>
                <th>Code</th>
                <th>Status</th>
                <th>Expires</th>
                <th>Given</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((code, i) => (
                <tr key={`${code.addedAt}-${code.maskedCode}-${i}`}>
                  <td>
                    <code>{code.maskedCode}</code>
                  </td>
                  <td>
                    <span className={`badge ${code.status === "allocated" ? "issued" : "pending"}`}>{code.status === "allocated" ? "given" : "not given"}</span>
                  </td>
                  <td>{formatDateTime(code.expiresAt)}</td>
                  <td>{code.allocatedAt ? `${formatDateTime(code.allocatedAt)} (reward ${code.rewardId})` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {codes.hasNextPage && (
            <button type="button" className="secondary" disabled={codes.isFetchingNextPage} onClick={() => void codes.fetchNextPage()}>
              Load more
            </button>
          )}
        </>
      )}
    </section>
  );
}
