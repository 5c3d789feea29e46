import type { PayoutDetails } from "../domain/payouts/payout-details.js";
import type { AggregateStore } from "./aggregate-store.js";

/** Participants' payout details, one per user under the user's id. */
export type PayoutDetailsRepository = AggregateStore<PayoutDetails>;
