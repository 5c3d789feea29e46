import { describe, expect, it } from "vitest";
import { adjustPoints } from "../../../../src/app/points/adjust-points.js";
import { organizationWithEveryRole, participant } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

/** An organization, and a participant who earned 40 points from it. */
async function setUp(deps: InMemoryDeps) {
  const people = await organizationWithEveryRole(deps);
  const alice = participant(deps);
  await deps.ledger.credit({ userId: alice.userId, points: 40, rewardId: deps.ids.next("rwd"), orgId: people.org.id, at: deps.clock.now(), expiresAt: null });
  return { ...people, alice };
}

describe("adjustPoints", () => {
  it("lets an owner or admin credit and debit a participant, with the reason, and emits points.adjusted.v1 from the entry", async () => {
    const deps = inMemoryDeps();
    const { org, owner, admin, alice } = await setUp(deps);

    const credited = await adjustPoints(deps, owner, org.id, { userId: alice.userId, points: 15, reason: "goodwill for a late payout" }, "key-1");
    const debited = await adjustPoints(deps, admin, org.id, { userId: alice.userId, points: -55, reason: "points credited twice by mistake" }, "key-2");

    expect(credited).toMatchObject({ kind: "adjust", points: 15, balanceAfter: 55, reason: "goodwill for a late payout", orgId: org.id });
    expect(debited).toMatchObject({ kind: "adjust", points: -55, balanceAfter: 0 });
    expect(deps.publisher.ofType("points.adjusted.v1").map((event) => event.data)).toEqual([
      { entryId: credited.id, userId: alice.userId, points: 15, balanceAfter: 55, reason: "goodwill for a late payout", adjustedBy: owner.userId },
      { entryId: debited.id, userId: alice.userId, points: -55, balanceAfter: 0, reason: "points credited twice by mistake", adjustedBy: admin.userId },
    ]);
  });

  it("never takes a balance below zero: insufficient_points, nothing written, no event", async () => {
    const deps = inMemoryDeps();
    const { org, owner, alice } = await setUp(deps);
    await expect(adjustPoints(deps, owner, org.id, { userId: alice.userId, points: -41, reason: "too much" }, "k")).rejects.toMatchObject({ code: "insufficient_points" });
    expect(await deps.ledger.entries(alice.userId)).toHaveLength(1);
    expect(deps.publisher.ofType("points.adjusted.v1")).toEqual([]);
  });

  it("adjusts once per Idempotency-Key of the same member, even when the stored answer was lost", async () => {
    const deps = inMemoryDeps();
    const { org, owner, alice } = await setUp(deps);
    const first = await adjustPoints(deps, owner, org.id, { userId: alice.userId, points: 5, reason: "bonus" }, "same");
    const again = await adjustPoints(deps, owner, org.id, { userId: alice.userId, points: 5, reason: "bonus" }, "same");
    expect(again).toEqual(first);
    expect(await deps.ledger.balance(alice.userId)).toBe(45);
  });

  it("refuses reviewers, developers and viewers (forbidden), strangers and participants the organization never paid (not_found)", async () => {
    const deps = inMemoryDeps();
    const { org, reviewer, developer, viewer, alice } = await setUp(deps);
    const input = { userId: alice.userId, points: 5, reason: "bonus" };
    for (const member of [reviewer, developer, viewer]) await expect(adjustPoints(deps, member, org.id, input, undefined)).rejects.toMatchObject({ code: "forbidden" });
    await expect(adjustPoints(deps, participant(deps), org.id, input, undefined)).rejects.toMatchObject({ code: "not_found" });
    const { owner: otherOwner, org: other } = await organizationWithEveryRole(deps);
    await expect(adjustPoints(deps, otherOwner, other.id, input, undefined)).rejects.toMatchObject({ code: "not_found" });
    expect(await deps.ledger.balance(alice.userId)).toBe(40);
  });
});
