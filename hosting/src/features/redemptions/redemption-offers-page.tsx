import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RedemptionOffer } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Page } from "../../components/page";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";

/** The organization's redemption catalogue: codes of its voucher pools offered for points (/console/redemptions). */
export function RedemptionOffersPage() {
  return <WithOrg>{(org) => <RedemptionOffers orgId={org.id} />}</WithOrg>;
}

function RedemptionOffers({ orgId }: { orgId: string }) {
  const offers = useQuery({ queryKey: queryKeys.redemptionOffers(orgId), queryFn: ({ signal }) => api.redemptions.listOffers({ orgId, limit: 100 }, { signal }) });
  return (
    <Page title="Redemption catalogue">
      <p className="muted">Participants spend the points they earned on these offers; each redemption takes one code of the offer's pool.</p>
      <NewOfferForm orgId={orgId} />
      <h2>Offers</h2>
      {offers.isPending ? (
        <Loading label="Loading the offers…" />
      ) : offers.isError ? (
        <ProblemAlert error={offers.error} title="The offers could not be loaded" />
      ) : offers.data.data.length === 0 ? (
        <Empty>No offers yet.</Empty>
      ) : (
        <table aria-label="Redemption offers">
          <thead>
            <tr>
              <th>Offer</th>
              <th>Points</th>
              <th>Codes left</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {offers.data.data.map((offer) => (
              <OfferRow key={offer.id} orgId={orgId} offer={offer} />
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function OfferRow({ orgId, offer }: { orgId: string; offer: RedemptionOffer }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => api.redemptions.updateOffer({ orgId, offerId: offer.id, active: !offer.active }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.redemptionOffers(orgId) }),
  });
  return (
    <tr data-testid={`offer-${offer.id}`}>
      <td>
        {offer.name} <span className="muted">· <Link to={`/console/vouchers/${offer.poolId}`}>pool</Link></span>
      </td>
      <td>{offer.points.toLocaleString()}</td>
      <td>{offer.available.toLocaleString()}</td>
      <td>
        <span className={`badge ${offer.active ? "active" : "paused"}`}>{offer.active ? "offered" : "withdrawn"}</span>{" "}
        <button type="button" className="secondary" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
          {offer.active ? "Withdraw" : "Offer again"}
        </button>
        <ProblemAlert error={toggle.error} title="The offer could not be changed" />
      </td>
    </tr>
  );
}

function NewOfferForm({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const pools = useQuery({ queryKey: queryKeys.voucherPools(orgId), queryFn: ({ signal }) => api.vouchers.listPools({ orgId, limit: 100 }, { signal }) });
  const [poolId, setPoolId] = useState("");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [points, setPoints] = useState("100");
  const create = useMutation({
    mutationFn: () => api.redemptions.createOffer({ orgId, poolId, name: name.trim(), description: description.trim(), points: Number(points) }),
    onSuccess: async () => {
      setName("");
      setDescription("");
      await queryClient.invalidateQueries({ queryKey: queryKeys.redemptionOffers(orgId) });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  if (pools.isSuccess && pools.data.data.length === 0) {
    return (
      <Empty>
        An offer gives codes of a voucher pool: <Link to="/console/vouchers">create a pool</Link> first.
      </Empty>
    );
  }
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="new-offer-title">
      <h2 id="new-offer-title">New offer</h2>
      <label>
        Voucher pool
        <select required value={poolId} onChange={(e) => setPoolId(e.target.value)} aria-invalid={fieldProblem(create.error, "body.poolId") ? true : undefined}>
          <option value="">Choose a pool…</option>
          {pools.data?.data.map((pool) => (
            <option key={pool.id} value={pool.id}>
              {pool.name} ({pool.stock.available.toLocaleString()} codes left)
            </option>
          ))}
        </select>
      </label>
      <label>
        Name
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={fieldProblem(create.error, "body.name") ? true : undefined} />
      </label>
      <label>
        Description <span className="muted">(optional)</span>
        <textarea rows={2} maxLength={2_000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        Points for one code
        <input type="number" required min={1} step={1} value={points} onChange={(e) => setPoints(e.target.value)} aria-invalid={fieldProblem(create.error, "body.points") ? true : undefined} />
      </label>
      <ProblemAlert error={create.error} title="The offer could not be created" />
      <button type="submit" disabled={create.isPending}>
        Create offer
      </button>
    </form>
  );
}
