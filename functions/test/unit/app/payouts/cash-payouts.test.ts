import { describe, expect, it } from "vitest";
import { receiveProviderNotification } from "../../../../src/app/payouts/receive-provider-notification.js";
import { savePayoutDetails } from "../../../../src/app/payouts/save-payout-details.js";
import { sendPayout } from "../../../../src/app/payouts/send-payout.js";
import { checkPayouts } from "../../../../src/app/reconciliation/check-payouts.js";
import { issueReward } from "../../../../src/app/rewards/issue-reward.js";
import { completedClaim } from "../../support/completed-claim.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";
import { ScriptedPayoutProvider } from "../../support/in-memory-payouts.js";

const cash = { type: "cash", value: 1250, currency: "EUR" } as const;
const details = { name: "Alice Martin", email: "alice@example.com" };

function setUp() {
  const deps = inMemoryDeps();
  const provider = new ScriptedPayoutProvider();
  return { deps, provider, sending: { ...deps, provider } };
}

function onlyPayout(deps: InMemoryDeps) {
  const payouts = deps.payouts.table.all();
  if (payouts.length !== 1) throw new Error(`expected one payout, found ${payouts.length}`);
  return payouts[0]!;
}

/** Runs the send task as Cloud Tasks would: again after every transient failure, at most `attempts` times. */
async function runSendTask(sending: Parameters<typeof sendPayout>[0], payoutId: string, attempts = 10): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < attempts; i++) {
    try {
      outcomes.push(await sendPayout(sending, payoutId));
      return outcomes;
    } catch (error) {
      outcomes.push(`retry: ${(error as { code?: string }).code}`);
    }
  }
  return outcomes;
}

describe("cash payouts", () => {
  it("a participant with payout details: one payout, sent by a named task, paid on notification, the reward issued once", async () => {
    const { deps, provider, sending } = setUp();
    const { alice, completed } = await completedClaim(deps, cash);
    await savePayoutDetails(deps, alice, details);

    expect(await issueReward(deps, completed)).toBe("payout_sent");
    const payout = onlyPayout(deps);
    expect(payout).toMatchObject({ status: "pending", amount: 1250, currency: "EUR", userId: alice.userId });
    expect(deps.tasks.enqueued).toMatchObject([{ payload: { kind: "payout.send.v1", payoutId: payout.id }, name: `payout-send-${payout.id}` }]);

    expect(await runSendTask(sending, payout.id)).toEqual(["accepted (processing)"]);
    expect(provider.sent).toEqual([{ idempotencyKey: payout.rewardId, amount: 1250, currency: "EUR", recipient: details }]);
    expect(onlyPayout(deps)).toMatchObject({ status: "processing", recipient: details, providerOrderId: "order-1" });

    provider.deliver(payout.rewardId, "paid");
    for (let i = 0; i < 3; i++) await receiveProviderNotification(sending, Buffer.from("order-1"), { signature: "good" });

    expect(onlyPayout(deps)).toMatchObject({ status: "paid", paidAt: deps.clock.now() });
    expect(deps.rewards.table.all()).toMatchObject([{ status: "issued", issuedAt: deps.clock.now() }]);
    expect(deps.publisher.ofType("payout.paid.v1")).toMatchObject([{ data: { payoutId: payout.id, rewardId: payout.rewardId, amount: 1250, currency: "EUR" } }]);
    expect(deps.publisher.ofType("reward.issued.v1")).toMatchObject([{ data: { rewardId: payout.rewardId, type: "cash", value: 1250, currency: "EUR" } }]);
  });

  it("a provider that fails twice and then succeeds is sent the same order three times and creates one", async () => {
    const { deps, provider, sending } = setUp();
    const { alice, completed } = await completedClaim(deps, cash);
    await savePayoutDetails(deps, alice, details);
    await issueReward(deps, completed);
    provider.script = ["unavailable", "unavailable", "accept"];

    expect(await runSendTask(sending, onlyPayout(deps).id)).toEqual(["retry: unavailable", "retry: unavailable", "accepted (processing)"]);
    expect(new Set(provider.sent.map((order) => order.idempotencyKey))).toEqual(new Set([onlyPayout(deps).rewardId]));
    expect(provider.orders.size).toBe(1);
  });

  it("a provider that accepts and then times out is answered with the same order on the retry", async () => {
    const { deps, provider, sending } = setUp();
    const { alice, completed } = await completedClaim(deps, cash);
    await savePayoutDetails(deps, alice, details);
    await issueReward(deps, completed);
    provider.script = ["accept_then_unavailable", "accept"];

    expect(await runSendTask(sending, onlyPayout(deps).id)).toEqual(["retry: unavailable", "accepted (processing)"]);
    expect(provider.sent).toHaveLength(2);
    expect(provider.orders.size).toBe(1);
  });

  it("the same claim.completed.v1 three times gives one payout and one send task", async () => {
    const { deps } = setUp();
    const { alice, completed } = await completedClaim(deps, cash);
    await savePayoutDetails(deps, alice, details);

    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await issueReward(deps, completed));

    expect(outcomes).toEqual(["payout_sent", "payout_sent", "payout_sent"]);
    expect(deps.payouts.table.all()).toHaveLength(1);
    expect(deps.tasks.enqueued).toHaveLength(1);
  });

  it("waits, pending, for a participant without payout details, and is sent when they give them", async () => {
    const { deps, sending } = setUp();
    const { alice, completed } = await completedClaim(deps, cash);

    expect(await issueReward(deps, completed)).toBe("awaiting_payout_details");
    expect(onlyPayout(deps)).toMatchObject({ status: "pending", recipient: null });
    expect(deps.tasks.enqueued).toEqual([]);

    await savePayoutDetails(deps, alice, details);
    const payout = onlyPayout(deps);
    expect(deps.tasks.enqueued).toMatchObject([{ payload: { kind: "payout.send.v1", payoutId: payout.id } }]);
    expect(await runSendTask(sending, payout.id)).toEqual(["accepted (processing)"]);
    expect(onlyPayout(deps).recipient).toEqual(details);
  });

  it("a refused order fails the payout and the reward (payout_failed), once", async () => {
    const { deps, provider, sending } = setUp();
    const { alice, completed } = await completedClaim(deps, cash);
    await savePayoutDetails(deps, alice, details);
    await issueReward(deps, completed);
    provider.script = ["refused"];
    const payout = onlyPayout(deps);

    expect(await runSendTask(sending, payout.id)).toEqual(["refused"]);
    expect(await runSendTask(sending, payout.id)).toEqual(["already failed"]);
    expect(onlyPayout(deps)).toMatchObject({ status: "failed", failureReason: "provider_refused" });
    expect(deps.rewards.table.all()).toMatchObject([{ status: "failed", failureReason: "payout_failed" }]);
    expect(deps.publisher.ofType("payout.failed.v1")).toMatchObject([{ data: { payoutId: payout.id, reason: "provider_refused" } }]);
    expect(deps.publisher.ofType("reward.failed.v1")).toMatchObject([{ data: { rewardId: payout.rewardId, reason: "payout_failed" } }]);
  });

  it("a notification with a bad signature is refused and changes nothing", async () => {
    const { deps, provider, sending } = setUp();
    const { alice, completed } = await completedClaim(deps, cash);
    await savePayoutDetails(deps, alice, details);
    await issueReward(deps, completed);
    await runSendTask(sending, onlyPayout(deps).id);
    provider.deliver(onlyPayout(deps).rewardId, "paid");
    const before = structuredClone(deps.payouts.table.all());

    await expect(receiveProviderNotification(sending, Buffer.from("order-1"), { signature: "forged" })).rejects.toMatchObject({ code: "unauthenticated" });
    expect(deps.payouts.table.all()).toEqual(before);
    expect(deps.publisher.ofType("payout.paid.v1")).toEqual([]);
  });

  it("a payout left processing by a lost notification is sent again by the reconciliation once a window, and settles without paying twice", async () => {
    const { deps, provider, sending } = setUp();
    const { alice, completed } = await completedClaim(deps, cash);
    await savePayoutDetails(deps, alice, details);
    await issueReward(deps, completed);
    const payout = onlyPayout(deps);
    await runSendTask(sending, payout.id);
    // The provider pays, and its notification never arrives.
    provider.deliver(payout.rewardId, "paid");

    expect(await checkPayouts(deps, 3600, 10)).toEqual({ checked: 0, breaks: [] });
    deps.clock.advance(3_601_000);
    const first = await checkPayouts(deps, 3600, 10);
    const sameWindow = await checkPayouts(deps, 3600, 10);

    expect(first.breaks).toMatchObject([{ invariant: "payout_settling", subject: payout.id, repaired: true, fields: { status: "processing" } }]);
    expect(sameWindow.breaks).toHaveLength(1);
    const again = deps.tasks.enqueued.filter((task) => task.name?.startsWith(`payout-send-${payout.id}-again-`));
    expect(again).toHaveLength(1);
    expect(await runSendTask(sending, payout.id)).toEqual(["accepted (paid)"]);
    expect(Object.keys(Object.fromEntries(provider.orders))).toEqual([payout.rewardId]);
    expect(onlyPayout(deps)).toMatchObject({ status: "paid" });
    expect(deps.rewards.table.all()).toMatchObject([{ status: "issued" }]);
    expect((await checkPayouts(deps, 3600, 10)).breaks).toEqual([]);
  });

  it("a payout waiting for payout details is no break: nothing is sent until the participant gives them", async () => {
    const { deps } = setUp();
    const { completed } = await completedClaim(deps, cash);
    await issueReward(deps, completed);
    deps.clock.advance(10 * 3_600_000);
    expect(await checkPayouts(deps, 3600, 10)).toEqual({ checked: 1, breaks: [] });
  });
});
