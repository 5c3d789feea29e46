import type { Db } from "mongodb";
import { aggregateCollections } from "./collections.js";
import { pointsLedgerCollection } from "./documents/points-entry-document.js";

/**
 * Gives the credits stored before entries were numbered what entries now carry: each
 * participant's credits, oldest first and after any entry already numbered, get their `seq`, their
 * running `balanceAfter`, kind `earn`, key `earn:<reward>`, `createdAt` and the organization of
 * their reward. Runs before the indexes (the unique (userId, seq) one needs it), at every start or
 * deploy; a no-op once done. Credits older than expiry get none: points already held are not taken.
 */
export async function numberPointsEntries(db: Db): Promise<number> {
  const ledger = pointsLedgerCollection(db);
  const { rewards } = aggregateCollections(db);
  const unnumbered = await ledger.find({ seq: { $exists: false } }).sort({ at: 1, _id: 1 }).toArray();
  const lastOf = new Map<string, { seq: number; balanceAfter: number }>();
  let numbered = 0;
  for (const document of unnumbered) {
    const userId = String(document.userId);
    if (!lastOf.has(userId)) {
      const [latest] = await ledger.find({ userId, seq: { $exists: true } }).sort({ seq: -1 }).limit(1).toArray();
      lastOf.set(userId, { seq: Number(latest?.seq ?? 0), balanceAfter: Number(latest?.balanceAfter ?? 0) });
    }
    const previous = lastOf.get(userId) ?? { seq: 0, balanceAfter: 0 };
    const points = Number(document.points);
    const next = { seq: previous.seq + 1, balanceAfter: previous.balanceAfter + points };
    lastOf.set(userId, next);
    const rewardId = String(document.rewardId ?? document._id);
    const reward = await rewards.collection.findOne({ _id: rewardId }, { projection: { orgId: 1 } });
    const fields = { ...next, kind: "earn" as const, key: `earn:${rewardId}`, rewardId, orgId: reward ? String(reward.orgId) : null, createdAt: document.at, expiresAt: null, expires: null, reason: null, outbox: [] };
    numbered += (await ledger.updateOne({ _id: document._id, seq: { $exists: false } }, { $set: fields })).modifiedCount;
  }
  return numbered;
}
