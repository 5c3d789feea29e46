import type { Db } from "mongodb";
import { z } from "zod";
import { voucherPoolCounters } from "../../domain/vouchers/voucher-pool.js";
import type { VoucherPoolRepository } from "../../ports/voucher-pool-repository.js";
import { mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";
import { classified } from "./errors.js";
import { findPage } from "./keyset-page.js";
import { parseDocument } from "./parse-document.js";

const Numbers = z.looseObject({ lastNumber: z.number().int(), nextNumber: z.number().int(), returned: z.array(z.number().int()) });

/**
 * Voucher pools in `voucher_pools`. Every counter moves by one guarded `findOneAndUpdate` of the
 * pool's document, which MongoDB (and the local server's write serializer) applies atomically, so
 * racing rewards never take one number twice; saves leave the counters alone (`atomicFields`).
 */
export function mongoVoucherPoolRepository(db: Db): VoucherPoolRepository {
  const { voucherPools } = aggregateCollections(db);
  const { collection } = voucherPools;
  const store = mongoAggregateStore(voucherPools, { atomicFields: voucherPoolCounters });
  const counted = async (poolId: string, update: object) => {
    const document = await collection.findOneAndUpdate({ _id: poolId }, update, { returnDocument: "after" });
    if (!document) throw new Error(`voucher pool ${poolId} vanished while counted`);
    return voucherPools.fromDocument(document);
  };
  return {
    ...store,
    listByOrg: (orgId, page) => classified(() => findPage(collection, { orgId }, page, voucherPools.fromDocument)),

    reserveNumbers: (poolId, count) =>
      classified(async () => {
        const before = await collection.findOneAndUpdate({ _id: poolId }, { $inc: { lastNumber: count, untaken: count } }, { returnDocument: "before" });
        if (!before) throw new Error(`voucher pool ${poolId} vanished while adding codes`);
        return parseDocument(Numbers, "voucher_pools", before).lastNumber + 1;
      }),

    countAdded: (poolId, count) => classified(() => counted(poolId, { $inc: { added: count } })),

    takeNumber: (poolId) =>
      classified(async () => {
        const withReturned = await collection.findOneAndUpdate(
          { _id: poolId, returnedCount: { $gt: 0 } },
          { $pop: { returned: -1 }, $inc: { returnedCount: -1 } },
          { returnDocument: "before" },
        );
        if (withReturned) return parseDocument(Numbers, "voucher_pools", withReturned).returned[0] ?? null;
        const before = await collection.findOneAndUpdate({ _id: poolId, untaken: { $gt: 0 } }, { $inc: { nextNumber: 1, untaken: -1 } }, { returnDocument: "before" });
        return before ? parseDocument(Numbers, "voucher_pools", before).nextNumber : null;
      }),

    giveBackNumber: (poolId, number) =>
      classified(async () => {
        await collection.updateOne({ _id: poolId }, { $push: { returned: number }, $inc: { returnedCount: 1 } } as object);
      }),

    countAllocated: (poolId) => classified(() => counted(poolId, { $inc: { allocated: 1 } })),

    countExpired: (poolId) => classified(async () => void (await collection.updateOne({ _id: poolId }, { $inc: { expired: 1 } }))),

    markSwept: (poolId, upTo) => classified(async () => void (await collection.updateOne({ _id: poolId }, { $max: { sweptUpTo: upTo } }))),

    listUnswept: (limit) =>
      classified(async () => {
        // Pools are few (a handful per organization): read them all and compare in memory, which
        // needs no $expr (the local server's support for it is partial).
        const documents = await collection.find({ nextNumber: { $gt: 1 } }).toArray();
        const pools = await Promise.all(documents.map(voucherPools.fromDocument));
        return pools.filter((pool) => pool.nextNumber - 1 > pool.sweptUpTo).slice(0, limit);
      }),
  };
}
