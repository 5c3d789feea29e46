import { describe, expect, it } from "vitest";
import { expirePoints } from "../../../../src/app/points/expire-points.js";
import { expiryOf } from "../../../../src/domain/points/points-entry.js";
import { participant } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";

const day = 86_400_000;

describe("expirePoints", () => {
  it("expires what is left of each earn entry past its expiry, oldest first, once however often it runs, with points.expired.v1", async () => {
    const deps = inMemoryDeps();
    const alice = participant(deps);
    const orgId = deps.ids.next("org");
    const earn = (points: number) =>
      deps.ledger.credit({ userId: alice.userId, points, rewardId: deps.ids.next("rwd"), orgId, at: deps.clock.now(), expiresAt: expiryOf(deps.clock.now(), 30) });
    const old = await earn(100);
    deps.clock.advance(10 * day);
    const newer = await earn(50);
    await deps.ledger.debit(alice.userId, 120, { kind: "redeem", key: "r1", reference: "voucher", orgId, at: deps.clock.now() });

    deps.clock.advance(25 * day); // day 35: the first lot is past expiry but was spent whole
    expect(await expirePoints(deps)).toEqual({ participants: 1, expired: 0, failed: 0 });
    expect(await deps.ledger.usersWithDueExpiries(deps.clock.now(), 10)).toEqual([]);

    deps.clock.advance(5 * day); // day 40: 30 of the second lot are left
    expect(await expirePoints(deps)).toEqual({ participants: 1, expired: 1, failed: 0 });
    expect(await expirePoints(deps)).toEqual({ participants: 0, expired: 0, failed: 0 });

    const entries = await deps.ledger.entries(alice.userId);
    expect(entries.filter((entry) => entry.kind === "expire")).toMatchObject([{ points: -30, balanceAfter: 0, expires: newer.id }]);
    expect(deps.publisher.ofType("points.expired.v1").map((event) => event.data)).toEqual([
      { entryId: entries.at(-1)?.id, userId: alice.userId, points: -30, balanceAfter: 0, earnEntryId: newer.id },
    ]);
    expect(old.id).not.toBe(newer.id);
  });

  it("leaves points before their expiry alone", async () => {
    const deps = inMemoryDeps();
    const alice = participant(deps);
    await deps.ledger.credit({ userId: alice.userId, points: 9, rewardId: deps.ids.next("rwd"), orgId: deps.ids.next("org"), at: deps.clock.now(), expiresAt: expiryOf(deps.clock.now(), 30) });
    deps.clock.advance(30 * day - 1);
    expect(await expirePoints(deps)).toEqual({ participants: 0, expired: 0, failed: 0 });
    expect(await deps.ledger.balance(alice.userId)).toBe(9);
  });
});
