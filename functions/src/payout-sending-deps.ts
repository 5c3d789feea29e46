import { tremendousPayoutProvider } from "./adapters/payouts/tremendous-payout-provider.js";
import { readPayoutsConfig } from "./config.js";
import { getDeps, type Deps } from "./deps.js";
import type { PayoutProvider } from "./ports/payout-provider.js";

// The instance's dependencies plus the payouts provider, for the two functions bound to its
// secrets (sendPayout, payoutProviderEvents); no other function reads them.

let deps: (Deps & { provider: PayoutProvider }) | undefined;

export function getPayoutSendingDeps(): Deps & { provider: PayoutProvider } {
  deps ??= { ...getDeps(), provider: tremendousPayoutProvider(readPayoutsConfig()) };
  return deps;
}
