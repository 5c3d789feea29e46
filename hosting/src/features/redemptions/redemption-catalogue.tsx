import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Redemption, RedemptionOffer } from "@user-x/sdk";
import { useState } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";
import { VoucherCode } from "../../components/voucher-code";

/** The offers a participant can spend points on, each redeemable while their balance covers it and codes are left. */
export function RedemptionCatalogue() {
  const catalogue = useQuery({ queryKey: queryKeys.redemptionCatalogue, queryFn: ({ signal }) => api.redemptions.listCatalogue({ limit: 100 }, { signal }) });
  const balance = useQuery({ queryKey: queryKeys.pointsBalance, queryFn: ({ signal }) => api.rewards.getPointsBalance(undefined, { signal }) });
  return (
    <section aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">Spend your points</h2>
      {catalogue.isPending ? (
        <Loading label="Loading the offers…" />
      ) : catalogue.isError ? (
        <ProblemAlert error={catalogue.error} title="The offers could not be loaded" />
      ) : catalogue.data.data.length === 0 ? (
        <Empty>No offers to spend points on yet.</Empty>
      ) : (
        <ul className="cards" aria-label="Offers">
          {catalogue.data.data.map((offer) => (
            <OfferCard key={offer.id} offer={offer} balance={balance.data?.points} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OfferCard({ offer, balance }: { offer: RedemptionOffer; balance: number | undefined }) {
  const queryClient = useQueryClient();
  const [redeemed, setRedeemed] = useState<Redemption | null>(null);
  const redeem = useMutation({
    mutationFn: () => api.redemptions.create({ offerId: offer.id }),
    onSuccess: (redemption) => setRedeemed(redemption),
    // The balance, the history and the codes left all moved, whether it worked or was refunded.
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.rewards }), queryClient.invalidateQueries({ queryKey: queryKeys.redemptions })]),
  });
  const short = balance !== undefined && balance < offer.points;
  const soldOut = offer.available === 0;
  return (
    <li className="card" data-testid={`offer-${offer.id}`}>
      <p>
        <strong>{offer.name}</strong> · {offer.points.toLocaleString()} points
      </p>
      {offer.description && <p>{offer.description}</p>}
      {redeemed?.voucher ? (
        <VoucherCode voucher={redeemed.voucher} />
      ) : (
        <>
          <button type="button" disabled={redeem.isPending || short || soldOut} onClick={() => redeem.mutate()}>
            Redeem
          </button>{" "}
          <span className="muted">{soldOut ? "No codes left" : short ? `You need ${(offer.points - (balance ?? 0)).toLocaleString()} more points` : `${offer.available.toLocaleString()} left`}</span>
          <ProblemAlert error={redeem.error} title="This offer could not be redeemed" />
        </>
      )}
    </li>
  );
}
