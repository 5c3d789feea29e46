import type { Db } from "mongodb";
import { AppError } from "../../domain/app-error.js";
import { nextEntry, type PointsAppend, type PointsEntry } from "../../domain/points/points-entry.js";
import type { PointsLedger } from "../../ports/points-ledger.js";
import { randomIds } from "../random-ids.js";
import { PointsEntryDocument, pointsLedgerCollection } from "./documents/points-entry-document.js";
import { classified, isDuplicateKeyError } from "./errors.js";
import { parseDocument } from "./parse-document.js";

/**
 * Losing the race for the next number means another append of the same participant was written
 * in between: read again and retry. A burst of 100 appends for one participant needs up to 100
 * rounds for the last of them; past this many, the caller gets `unavailable` and retries.
 */
const maxAttempts = 200;

/** The points ledger in `points_ledger`: appends numbered per participant, each carrying the running balance. */
export function mongoPointsLedger(db: Db): PointsLedger {
  const ledger = pointsLedgerCollection(db);
  const toEntry = (document: unknown): PointsEntry => {
    const { _id, outbox: _outbox, settled: _settled, createdAt: _createdAt, ...entry } = parseDocument(PointsEntryDocument, "points_ledger", document);
    return { id: _id, ...entry };
  };
  const last = async (userId: string) => {
    const [document] = await ledger.find({ userId }).sort({ seq: -1 }).limit(1).toArray();
    return document ? toEntry(document) : null;
  };
  const byKey = async (userId: string, key: string) => {
    const document = await ledger.findOne({ userId, key });
    return document ? toEntry(document) : null;
  };

  const append: PointsLedger["append"] = (entry, options = {}) =>
    classified(async () => {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const earlier = await byKey(entry.userId, entry.key);
        if (earlier) return earlier;
        const previous = await last(entry.userId);
        if (options.afterSeq !== undefined && (previous?.seq ?? 0) !== options.afterSeq) throw new AppError("conflict", "the ledger moved since it was read");
        const next = nextEntry(previous, entry);
        const { id, ...fields } = next;
        try {
          await ledger.insertOne({ _id: id, ...fields, createdAt: next.at, outbox: options.events?.(next) ?? [] });
          return next;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          // Someone else took this number, or appended this key first: the next round tells which.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));
        }
      }
      throw new AppError("unavailable", "the points ledger is busy; try again");
    });

  return {
    append,

    credit: (credit) =>
      append({
        id: credit.rewardId,
        userId: credit.userId,
        kind: "earn",
        points: credit.points,
        key: `earn:${credit.rewardId}`,
        orgId: credit.orgId,
        rewardId: credit.rewardId,
        expiresAt: credit.expiresAt,
        expires: null,
        reason: null,
        at: credit.at,
      }),

    debit: (userId, points, debit) => {
      if (!Number.isSafeInteger(points) || points <= 0) return Promise.reject(new AppError("validation_failed", "a debit is a positive number of points"));
      const entry: PointsAppend = {
        id: randomIds.next("pte"),
        userId,
        kind: debit.kind,
        points: -points,
        key: `${debit.kind}:${debit.key}`,
        orgId: debit.orgId,
        rewardId: null,
        expiresAt: null,
        expires: null,
        reason: debit.reference,
        at: debit.at,
      };
      return append(entry);
    },

    balance: (userId) => classified(async () => (await last(userId))?.balanceAfter ?? 0),

    entries: (userId) => classified(async () => (await ledger.find({ userId }).sort({ seq: 1 }).toArray()).map(toEntry)),

    // In seq order, not by time: entries written in the same millisecond still list in the order
    // they were appended. The cursor names the last entry shown; its seq is where the next page starts.
    listEntries: (userId, page) =>
      classified(async () => {
        const anchor = page.after ? await ledger.findOne({ userId, _id: page.after.id }, { projection: { seq: 1 } }) : null;
        if (page.after && !anchor) return { items: [] };
        const beyond = anchor ? { seq: { [page.order === "asc" ? "$gt" : "$lt"]: anchor.seq } } : {};
        const documents = await ledger.find({ userId, ...beyond }).sort({ seq: page.order === "asc" ? 1 : -1 }).limit(page.limit + 1).toArray();
        const items = documents.slice(0, page.limit).map(toEntry);
        const last = items.at(-1);
        return documents.length > page.limit && last ? { items, next: { createdAt: last.at, id: last.id } } : { items };
      }),

    usersWithDueExpiries: (now, limit) =>
      classified(async () => {
        const documents = await ledger
          .find({ kind: "earn", expiresAt: { $lte: now }, settled: { $ne: true } }, { projection: { userId: 1 } })
          .sort({ expiresAt: 1, _id: 1 })
          .limit(limit * 20)
          .toArray();
        return [...new Set(documents.map((document) => String(document.userId)))].slice(0, limit);
      }),

    markSettled: (entryIds) =>
      classified(async () => {
        if (entryIds.length > 0) await ledger.updateMany({ _id: { $in: [...entryIds] }, kind: "earn" }, { $set: { settled: true } });
      }),

    hasEarnedFrom: (userId, orgId) => classified(async () => (await ledger.findOne({ userId, orgId, kind: "earn" }, { projection: { _id: 1 } })) !== null),

    usersWithEntriesIn: ({ from, to }, limit) =>
      classified(async () => {
        const documents = await ledger.find({ at: { $gte: from, $lt: to } }, { projection: { userId: 1 } }).sort({ at: 1, _id: 1 }).limit(limit).toArray();
        return [...new Set(documents.map((document) => String(document.userId)))];
      }),
  };
}
