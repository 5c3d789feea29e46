import type { Db } from "mongodb";
import { expect } from "vitest";

/** A points ledger entry as stored (adapters/mongo/documents/points-entry-document.ts), the fields tests read. */
export interface StoredEntry {
  _id: string;
  userId: string;
  seq: number;
  kind: string;
  points: number;
  balanceAfter: number;
  key: string;
  expires: string | null;
}

/** The participant's ledger in the order it was appended. */
export const ledgerOf = (db: Db, userId: string) => db.collection<StoredEntry>("points_ledger").find({ userId }).sort({ seq: 1 }).toArray();

/** What the reconciliation checks: numbered 1..n, each balanceAfter the sum so far and never negative, the balance the last. */
export function expectConsistent(entries: readonly StoredEntry[], balance: number): void {
  let sum = 0;
  entries.forEach((entry, index) => {
    sum += entry.points;
    expect(entry.seq).toBe(index + 1);
    expect(entry.balanceAfter).toBe(sum);
    expect(entry.balanceAfter).toBeGreaterThanOrEqual(0);
  });
  expect(balance).toBe(sum);
}
