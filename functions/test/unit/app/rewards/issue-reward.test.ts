import { describe, expect, it } from "vitest";
import { issueReward } from "../../../../src/app/rewards/issue-reward.js";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";
import { activeOpportunity, participant } from "../../support/fixtures.js";
import type { OutboxSource } from "../../../../src/ports/outbox.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";
import { completedClaim } from "../../support/completed-claim.js";

function onlyReward(deps: InMemoryDeps) {
  const rewards = deps.rewards.table.all();
  const [reward] = rewards;
  if (!reward || rewards.length > 1) throw new Error(`expected one reward, found ${rewards.length}`);
  return reward;
}

describe("issueReward", () => {
  it("issues the points a completed claim earned: reward, ledger credit and reward.issued.v1", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId, completed } = await completedClaim(deps);

    expect(await issueReward(deps, completed)).toBe("issued");

    const reward = onlyReward(deps);
    expect(reward).toMatchObject({ claimId, userId: alice.userId, type: "points", value: 50, currency: null, status: "issued", issuedAt: deps.clock.now() });
    expect(deps.ledger.all()).toMatchObject([{ userId: alice.userId, points: 50, rewardId: reward.id }]);
    expect(await deps.ledger.balance(alice.userId)).toBe(50);
    expect(deps.publisher.ofType("reward.issued.v1")).toMatchObject([
      { data: { rewardId: reward.id, claimId, userId: alice.userId, type: "points", value: 50, currency: null } },
    ]);
  });

  it("handles the same claim.completed.v1 three times as one reward, one credit and one event", async () => {
    const deps = inMemoryDeps();
    const { alice, completed } = await completedClaim(deps);

    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await issueReward(deps, completed));

    expect(outcomes).toEqual(["issued", "already_issued", "already_issued"]);
    expect(deps.rewards.table.all()).toHaveLength(1);
    expect(deps.ledger.all()).toHaveLength(1);
    expect(await deps.ledger.balance(alice.userId)).toBe(50);
    expect(deps.publisher.ofType("reward.issued.v1")).toHaveLength(1);
  });

  it("pays once when three deliveries of the event race", async () => {
    const deps = inMemoryDeps();
    const { alice, completed } = await completedClaim(deps);

    const outcomes = await Promise.all([1, 2, 3].map(() => issueReward(deps, completed)));

    // Exactly one delivery says it issued the reward: one that lost the save's race decided again
    // on the issued reward and must not report the issuance it did not make.
    expect(outcomes.filter((outcome) => outcome === "issued")).toHaveLength(1);
    expect(deps.rewards.table.all()).toHaveLength(1);
    expect(await deps.ledger.balance(alice.userId)).toBe(50);
    // Relays racing may publish one event twice (at least once); consumers deduplicate on its id.
    expect(new Set(deps.publisher.ofType("reward.issued.v1").map((e) => e.id)).size).toBe(1);
    expect(deps.outbox.log.filter((e) => e.type === "reward.issued.v1")).toHaveLength(1);
  });

  it("ignores a claim that is not completed", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps);
    const alice = participant(deps);
    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    const premature = domainEvent(
      "claim.completed.v1",
      claim.orgId,
      { claimId: claim.id, opportunityId: opportunity.id, userId: alice.userId, completedAt: deps.clock.now().toISOString() },
      deps.ids.next("evt"),
      deps.clock.now(),
    );

    expect(await issueReward(deps, premature)).toBe("ignored");
    expect(deps.rewards.table.all()).toEqual([]);
    expect(await deps.ledger.balance(alice.userId)).toBe(0);
  });

  it("starts a payout for cash and leaves the reward pending until it is paid, crediting no points", async () => {
    const deps = inMemoryDeps();
    const { alice, completed } = await completedClaim(deps, { type: "cash", value: 1000, currency: "EUR" });

    // Alice has given no payout details: the payout waits for them (app/payouts/, cash-payouts.test.ts).
    expect(await issueReward(deps, completed)).toBe("awaiting_payout_details");
    expect(deps.rewards.table.all()).toMatchObject([{ type: "cash", value: 1000, currency: "EUR", status: "pending" }]);
    expect(deps.payouts.table.all()).toMatchObject([{ amount: 1000, currency: "EUR", status: "pending", userId: alice.userId }]);
    expect(await deps.ledger.balance(alice.userId)).toBe(0);
    expect(deps.publisher.ofType("reward.issued.v1")).toEqual([]);
  });

  it("keeps reward.issued.v1 in the outbox while Pub/Sub is down, and a redelivery publishes it", async () => {
    const deps = inMemoryDeps();
    const { completed } = await completedClaim(deps);
    deps.publisher.down = true;

    expect(await issueReward(deps, completed)).toBe("issued");
    const source: OutboxSource = { aggregate: "reward", id: onlyReward(deps).id };
    expect(await deps.outbox.pending(source)).toMatchObject([{ type: "reward.issued.v1" }]);
    expect(deps.tasks.enqueued).toEqual([{ payload: { kind: "outbox.relay.v1", ...source }, delaySeconds: 2 }]);

    deps.publisher.down = false;
    expect(await issueReward(deps, completed)).toBe("already_issued");
    expect(deps.publisher.ofType("reward.issued.v1")).toHaveLength(1);
    expect(await deps.outbox.pending(source)).toEqual([]);
  });
});
