import { describe, expect, it } from "vitest";
import { accepted, failedPayout, isSettled, isWaitingForDetails, paid, payoutFor, sending, type Payout } from "../../../../src/domain/payouts/payout.js";
import type { Reward } from "../../../../src/domain/rewards/reward.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const later = new Date("2026-03-02T09:05:00.000Z");
const cashReward: Reward = {
  id: "rwd_0123456789abcdefABCDEF",
  claimId: "clm_0123456789abcdefABCDEF",
  opportunityId: "opp_0123456789abcdefABCDEF",
  orgId: "org_0123456789abcdefABCDEF",
  userId: "usr_0123456789abcdefABCDEF",
  type: "cash",
  value: 1250,
  currency: "EUR",
  poolId: null,
  status: "pending",
  failureReason: null,
  issuedAt: null,
  createdAt: now,
  version: 1,
};
const recipient = { name: "Alice", email: "alice@example.com" };
const pending = payoutFor(cashReward, "pay_0123456789abcdefABCDEF", now);
const processing = sending(pending, recipient, now);
const inState: Record<Payout["status"], Payout> = {
  pending,
  processing,
  paid: paid(processing, later),
  failed: failedPayout(processing, "provider_refused", later),
};

type Transition = (payout: Payout) => Payout;
const transitions: Record<string, Transition> = {
  sending: (payout) => sending(payout, recipient, later),
  accepted: (payout) => accepted(payout, "ORDER1", later),
  paid: (payout) => paid(payout, later),
  failed: (payout) => failedPayout(payout, "delivery_failed", later),
};

// The state machine, whole: every transition from every state, allowed or refused.
const table: Array<[Payout["status"], keyof typeof transitions, Payout["status"] | "invalid_state"]> = [
  ["pending", "sending", "processing"],
  ["pending", "accepted", "invalid_state"],
  ["pending", "paid", "invalid_state"],
  ["pending", "failed", "invalid_state"],
  ["processing", "sending", "invalid_state"],
  ["processing", "accepted", "processing"],
  ["processing", "paid", "paid"],
  ["processing", "failed", "failed"],
  ["paid", "sending", "invalid_state"],
  ["paid", "accepted", "invalid_state"],
  ["paid", "paid", "invalid_state"],
  ["paid", "failed", "invalid_state"],
  ["failed", "sending", "invalid_state"],
  ["failed", "accepted", "invalid_state"],
  ["failed", "paid", "invalid_state"],
  ["failed", "failed", "invalid_state"],
];

describe("a payout's state machine", () => {
  it.each(table)("%s, %s → %s", (from, transition, to) => {
    const run = () => transitions[transition]!(inState[from]);
    if (to === "invalid_state") expect(run).toThrow(expect.objectContaining({ code: "invalid_state", details: { status: from } }));
    else expect(run().status).toBe(to);
  });

  it("is created pending from a cash reward, for its amount in minor units and its currency, waiting for details", () => {
    expect(pending).toMatchObject({ rewardId: cashReward.id, userId: cashReward.userId, amount: 1250, currency: "EUR", status: "pending", recipient: null });
    expect(isWaitingForDetails(pending)).toBe(true);
    expect(isWaitingForDetails(processing)).toBe(false);
  });

  it("refuses a reward that is not cash", () => {
    expect(() => payoutFor({ ...cashReward, type: "points", currency: null }, "pay_0123456789abcdefABCDEF", now)).toThrow(expect.objectContaining({ code: "invalid_state" }));
  });

  it("keeps the recipient it was sent to, records the order and when it was paid, and why it failed", () => {
    expect(processing.recipient).toEqual(recipient);
    expect(accepted(processing, "ORDER1", later)).toMatchObject({ status: "processing", providerOrderId: "ORDER1", updatedAt: later });
    expect(inState.paid).toMatchObject({ status: "paid", paidAt: later, failureReason: null });
    expect(inState.failed).toMatchObject({ status: "failed", paidAt: null, failureReason: "provider_refused" });
  });

  it("is settled once paid or failed, never before", () => {
    expect(Object.fromEntries(Object.entries(inState).map(([status, payout]) => [status, isSettled(payout)]))).toEqual({ pending: false, processing: false, paid: true, failed: true });
  });
});
