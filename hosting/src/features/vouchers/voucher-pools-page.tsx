import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { Page } from "../../components/page";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";

export function VoucherPoolsPage() {
  return <WithOrg>{(org) => <VoucherPools orgId={org.id} />}</WithOrg>;
}

function VoucherPools({ orgId }: { orgId: string }) {
  const pools = useQuery({ queryKey: queryKeys.voucherPools(orgId), queryFn: ({ signal }) => api.vouchers.listPools({ orgId, limit: 100 }, { signal }) });
  return (
    <Page title="Voucher pools">
      <p className="muted">Each voucher reward takes one code of its opportunity's pool. Add codes by importing a file or generating them.</p>
      <NewPoolForm orgId={orgId} />
      <h2>Pools</h2>
      {pools.isPending ? (
        <Loading label="Loading voucher pools…" />
      ) : pools.isError ? (
        <ProblemAlert error={pools.error} title="The voucher pools could not be loaded" />
      ) : pools.data.data.length === 0 ? (
        <Empty>No voucher pools yet.</Empty>
      ) : (
        <table aria-label="Voucher pools">
          <thead>
            <tr>
              <th>Pool</th>
              <th>Codes left</th>
              <th>Given</th>
              <th>Added</th>
            </tr>
          </thead>
          <tbody>
            {pools.data.data.map((pool) => (
              <tr key={pool.id}>
                <td>
                  <Link to={`/console/vouchers/${pool.id}`}>{pool.name}</Link>{" "}
                  {pool.stock.available <= pool.lowStockThreshold && <span className="badge failed">low</span>}
                </td>
                <td>{pool.stock.available.toLocaleString()}</td>
                <td>{pool.stock.allocated.toLocaleString()}</td>
                <td>{pool.stock.added.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function NewPoolForm({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [instructions, setInstructions] = useState("");
  const [threshold, setThreshold] = useState("10");
  const create = useMutation({
    mutationFn: () => api.vouchers.createPool({ orgId, name: name.trim(), redemptionInstructions: instructions.trim(), lowStockThreshold: Number(threshold) }),
    onSuccess: async (pool) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.voucherPools(orgId) });
      void navigate(`/console/vouchers/${pool.id}`);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="new-pool-title">
      <h2 id="new-pool-title">New pool</h2>
      <label>
        Name
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={fieldProblem(create.error, "body.name") ? true : undefined} />
      </label>
      <label>
        How to redeem <span className="muted">(shown to the participant with their code)</span>
        <textarea rows={2} maxLength={2_000} value={instructions} onChange={(e) => setInstructions(e.target.value)} />
      </label>
      <label>
        Warn when this many codes are left
        <input type="number" required min={0} max={1_000_000} value={threshold} onChange={(e) => setThreshold(e.target.value)} />
      </label>
      <ProblemAlert error={create.error} title="The pool could not be created" />
      <button type="submit" disabled={create.isPending}>
        Create pool
      </button>
    </form>
  );
}
