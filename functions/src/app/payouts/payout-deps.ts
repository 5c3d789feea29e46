import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { PayoutDetailsRepository } from "../../ports/payout-details-repository.js";
import type { PayoutProvider } from "../../ports/payout-provider.js";
import type { PayoutRepository } from "../../ports/payout-repository.js";
import type { RewardRepository } from "../../ports/reward-repository.js";
import type { DispatchDeps } from "../events/relay-outbox.js";

/** What the cash payout use cases need; the provider is reached only when a payout is sent or a notification read. */
export type PayoutDeps = DispatchDeps & {
  payouts: PayoutRepository;
  payoutDetails: PayoutDetailsRepository;
  rewards: RewardRepository;
  ids: Ids;
  clock: Clock;
};

export type PayoutSendingDeps = PayoutDeps & { provider: PayoutProvider };

/** The send task of a payout, named after it: a second enqueue (a duplicate event, details saved twice) is dropped. */
export const sendTaskName = (payoutId: string): string => `payout-send-${payoutId}`;
