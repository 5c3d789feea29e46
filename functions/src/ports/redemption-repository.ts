import type { Redemption } from "../domain/redemptions/redemption.js";
import type { RedemptionOffer } from "../domain/redemptions/redemption-offer.js";
import type { AggregateStore } from "./aggregate-store.js";
import type { PageOf, PageRequest } from "./page.js";

/** Organizations' redemption offers. */
export interface RedemptionOfferRepository extends AggregateStore<RedemptionOffer> {
  listByOrg(orgId: string, page: PageRequest): Promise<PageOf<RedemptionOffer>>;
  /** Every organization's active offers: the participants' catalogue. */
  listActive(page: PageRequest): Promise<PageOf<RedemptionOffer>>;
}

/** Redemptions; `insert` answers `conflict` when the key is taken (the request was made before). */
export interface RedemptionRepository extends AggregateStore<Redemption> {
  findByKey(key: string): Promise<Redemption | null>;
  listByUser(userId: string, page: PageRequest): Promise<PageOf<Redemption>>;
  /** Redemptions still pending that were created before `before`: left by a crash, for the reconciliation to finish. */
  listPendingBefore(before: Date, limit: number): Promise<Redemption[]>;
}
