import { AppError } from "../app-error.js";

/**
 * How points move: `earn` credits a reward's points, `redeem` spends them, `refund` gives back
 * those of a redemption that could not be fulfilled, `expire` takes back what is left of an earn
 * entry past its expiry, `adjust` is an organization admin's correction.
 */
export type PointsEntryKind = "earn" | "redeem" | "refund" | "expire" | "adjust";

/**
 * One append-only entry of a participant's ledger. `seq` numbers the participant's entries from 1
 * with no gap and `balanceAfter` is the running balance, both written with the entry itself: the
 * balance is the last entry's, and a ledger is consistent when each balanceAfter is the previous
 * one plus the entry's points. `key` makes an append idempotent: a second append with the same
 * key is the first entry.
 */
export interface PointsEntry {
  id: string;
  userId: string;
  seq: number;
  kind: PointsEntryKind;
  /** Signed: positive credits, negative debits. */
  points: number;
  balanceAfter: number;
  key: string;
  /** The organization the points came from or that moved them; null for entries older than the field. */
  orgId: string | null;
  rewardId: string | null;
  /** An earn entry's expiry; an expire entry names the earn entry it expires in `expires`. */
  expiresAt: Date | null;
  expires: string | null;
  reason: string | null;
  at: Date;
}

/** What an append asks for; the ledger numbers it and computes its balance. */
export type PointsAppend = Omit<PointsEntry, "seq" | "balanceAfter">;

/**
 * The entry `append` becomes after `last` (null for the participant's first). A debit that would
 * take the balance below zero is refused with `insufficient_points`; zero points are refused
 * because they would record nothing.
 */
export function nextEntry(last: Pick<PointsEntry, "seq" | "balanceAfter"> | null, append: PointsAppend): PointsEntry {
  if (!Number.isSafeInteger(append.points) || append.points === 0) throw new AppError("validation_failed", "points must be a non-zero integer");
  const balance = last?.balanceAfter ?? 0;
  const balanceAfter = balance + append.points;
  if (balanceAfter < 0) throw new AppError("insufficient_points", `the balance is ${balance} points; ${-append.points} cannot be taken`, { balance });
  return { ...append, seq: (last?.seq ?? 0) + 1, balanceAfter };
}

/** An earn entry and the points of it still unspent and unexpired. */
export interface PointsLot {
  entryId: string;
  orgId: string | null;
  expiresAt: Date | null;
  remaining: number;
}

/**
 * What is left of each earn entry, oldest first, after the ledger's debits: a redeem or a negative
 * adjust spends the oldest points first (FIFO), an expire entry empties the earn entry it names.
 * Positive adjusts and refunds are credits too and are spent in their turn, but never expire
 * (a refund gives back points its redemption took from older lots; they stay spendable for good).
 */
export function remainingLots(entries: readonly PointsEntry[]): PointsLot[] {
  const lots: Array<PointsLot & { expires: boolean }> = [];
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (entry.kind === "expire") {
      const lot = lots.find((candidate) => candidate.entryId === entry.expires);
      if (lot) lot.remaining = Math.max(0, lot.remaining + entry.points);
      continue;
    }
    if (entry.points > 0) {
      lots.push({ entryId: entry.id, orgId: entry.orgId, expiresAt: entry.kind === "earn" ? entry.expiresAt : null, remaining: entry.points, expires: entry.kind === "earn" });
      continue;
    }
    let owed = -entry.points;
    for (const lot of lots) {
      if (owed === 0) break;
      const taken = Math.min(lot.remaining, owed);
      lot.remaining -= taken;
      owed -= taken;
    }
  }
  return lots.filter((lot) => lot.expires).map(({ expires: _expires, ...lot }) => lot);
}

/** The earn entries whose expiry has passed at `now` with points left: each becomes one expire entry of what is left. */
export function dueExpiries(entries: readonly PointsEntry[], now: Date): PointsLot[] {
  return remainingLots(entries).filter((lot) => lot.remaining > 0 && lot.expiresAt !== null && lot.expiresAt.getTime() <= now.getTime());
}

/** When points earned at `at` expire, under a policy of `days` days. */
export function expiryOf(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 86_400_000);
}

/** Where a ledger's running balance breaks: the first entry whose balanceAfter is not the sum so far, or whose seq skips. */
export function firstInconsistency(entries: readonly PointsEntry[]): { entry: PointsEntry; expectedBalance: number } | null {
  let sum = 0;
  let seq = 0;
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    sum += entry.points;
    seq += 1;
    if (entry.balanceAfter !== sum || entry.seq !== seq || entry.balanceAfter < 0) return { entry, expectedBalance: sum };
  }
  return null;
}
