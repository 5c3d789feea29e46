import type { EmailPreferences } from "@user-x/sdk";

/** Each category of email, as the preferences page and the unsubscribe page name it. */
export const emailCategoryLabels: Record<keyof EmailPreferences, { name: string; about: string }> = {
  claims: { name: "Claims", about: "when you claim an opportunity" },
  reviews: { name: "Reviews", about: "when your work is approved or not approved, with the reason" },
  rewards: { name: "Rewards", about: "when a reward is issued to you, voucher codes included" },
  payouts: { name: "Payouts", about: "when a cash payout is paid or fails" },
};
