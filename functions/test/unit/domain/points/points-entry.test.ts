import { describe, expect, it } from "vitest";
import { dueExpiries, expiryOf, firstInconsistency, nextEntry, remainingLots, type PointsAppend, type PointsEntry } from "../../../../src/domain/points/points-entry.js";

const day = 86_400_000;
const t0 = new Date("2026-01-01T00:00:00.000Z");
const at = (days: number) => new Date(t0.getTime() + days * day);

/** A ledger built append by append, with the rules under test: earn N points on day D expiring after `ttl` days. */
function ledgerOf(steps: Array<["earn", number, number] | ["redeem" | "adjust", number, number] | ["expire", string, number]>, ttl = 30): PointsEntry[] {
  const entries: PointsEntry[] = [];
  for (const [index, [kind, amount, dayOf]] of steps.entries()) {
    const base = { id: `e${index + 1}`, userId: "usr_a", key: `k${index}`, orgId: "org_a", rewardId: null, expiresAt: null, expires: null, reason: null, at: at(dayOf) };
    const append: PointsAppend =
      kind === "earn" ? { ...base, kind, points: amount as number, expiresAt: expiryOf(at(dayOf), ttl) }
      : kind === "expire" ? { ...base, kind, points: -(remainingLots(entries).find((lot) => lot.entryId === amount)?.remaining ?? 0), expires: amount as string }
      : { ...base, kind, points: amount as number };
    entries.push(nextEntry(entries.at(-1) ?? null, append));
  }
  return entries;
}

describe("nextEntry", () => {
  const append = (points: number): PointsAppend => ({ id: "e", userId: "usr_a", kind: "adjust", points, key: "k", orgId: null, rewardId: null, expiresAt: null, expires: null, reason: null, at: t0 });

  it("numbers entries from 1 and carries the running balance", () => {
    const first = nextEntry(null, append(10));
    const second = nextEntry(first, append(-4));
    expect([first.seq, first.balanceAfter, second.seq, second.balanceAfter]).toEqual([1, 10, 2, 6]);
  });

  it("refuses a debit below zero with insufficient_points, and a debit to exactly zero is allowed", () => {
    expect(() => nextEntry({ seq: 3, balanceAfter: 5 }, append(-6))).toThrow(expect.objectContaining({ code: "insufficient_points", details: { balance: 5 } }));
    expect(nextEntry({ seq: 3, balanceAfter: 5 }, append(-5)).balanceAfter).toBe(0);
    expect(() => nextEntry(null, append(-1))).toThrow(expect.objectContaining({ code: "insufficient_points" }));
  });

  it("refuses zero and non-integer points", () => {
    expect(() => nextEntry(null, append(0))).toThrow(expect.objectContaining({ code: "validation_failed" }));
    expect(() => nextEntry(null, append(1.5))).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });
});

describe("FIFO expiry", () => {
  it("spends the oldest earned points first, so the oldest lot expires with only what is left of it", () => {
    // 100 on day 0, 50 on day 10, spend 120 on day 20: the day-0 lot is gone, 30 of the day-10 lot remain.
    const entries = ledgerOf([["earn", 100, 0], ["earn", 50, 10], ["redeem", -120, 20]]);
    expect(remainingLots(entries).map((lot) => [lot.entryId, lot.remaining])).toEqual([["e1", 0], ["e2", 30]]);
    expect(dueExpiries(entries, at(30))).toEqual([]);
    expect(dueExpiries(entries, at(40)).map((lot) => [lot.entryId, lot.remaining])).toEqual([["e2", 30]]);
  });

  it("expires a lot only once its expiry has come, at the exact instant included", () => {
    const entries = ledgerOf([["earn", 40, 0], ["redeem", -15, 5]]);
    expect(dueExpiries(entries, new Date(at(30).getTime() - 1))).toEqual([]);
    expect(dueExpiries(entries, at(30)).map((lot) => lot.remaining)).toEqual([25]);
  });

  it("an expire entry empties its lot: the same lot is never due twice, and later debits spend the next lot", () => {
    const entries = ledgerOf([["earn", 40, 0], ["earn", 20, 20], ["expire", "e1", 31], ["redeem", -5, 32]]);
    expect(entries.map((entry) => entry.balanceAfter)).toEqual([40, 60, 20, 15]);
    expect(remainingLots(entries).map((lot) => lot.remaining)).toEqual([0, 15]);
    expect(dueExpiries(entries, at(35))).toEqual([]);
    expect(dueExpiries(entries, at(50)).map((lot) => [lot.entryId, lot.remaining])).toEqual([["e2", 15]]);
  });

  it("positive adjustments are spent in their turn but never expire; negative ones spend like redemptions", () => {
    const entries = ledgerOf([["adjust", 10, 0], ["earn", 30, 1], ["adjust", -25, 2]]);
    // The adjust credit (10) is spent first, then 15 of the earn lot.
    expect(remainingLots(entries).map((lot) => [lot.entryId, lot.remaining])).toEqual([["e2", 15]]);
    expect(dueExpiries(entries, at(100)).map((lot) => lot.remaining)).toEqual([15]);
  });

  it("expiring every due lot leaves the balance equal to the sum of entries, and never below zero", () => {
    // The day-0 lot was spent whole, so only the day-10 lot has anything to expire.
    const spent = ledgerOf([["earn", 100, 0], ["earn", 50, 10], ["redeem", -120, 20]]);
    expect(dueExpiries(spent, at(41)).map((lot) => lot.entryId)).toEqual(["e2"]);
    const entries = ledgerOf([["earn", 100, 0], ["earn", 50, 10], ["redeem", -120, 20], ["expire", "e2", 41]]);
    expect(firstInconsistency(entries)).toBeNull();
    expect(entries.at(-1)?.balanceAfter).toBe(0);
  });
});

describe("firstInconsistency", () => {
  it("finds an entry whose running balance is not the sum so far, or a gap in the numbering", () => {
    const entries = ledgerOf([["earn", 10, 0], ["earn", 5, 1], ["redeem", -3, 2]]);
    expect(firstInconsistency(entries)).toBeNull();
    expect(firstInconsistency(entries.map((e) => (e.seq === 2 ? { ...e, balanceAfter: 16 } : e)))).toMatchObject({ entry: { seq: 2 }, expectedBalance: 15 });
    expect(firstInconsistency(entries.filter((e) => e.seq !== 2))).toMatchObject({ entry: { seq: 3 } });
  });
});
