import { MongoBulkWriteError, type Db } from "mongodb";
import { z } from "zod";
import type { ListedVoucherCode, StoredVoucherCode, VoucherAllocation, VoucherCodeStore, VoucherHolderKind } from "../../ports/voucher-code-store.js";
import { classified, duplicateKeyCode, isDuplicateKeyError } from "./errors.js";
import { findPage } from "./keyset-page.js";
import { parseDocument } from "./parse-document.js";

// Codes and allocations are only ever inserted. Besides keeping every decision in a unique key,
// this suits the local server: FerretDB v1 rewrites a document by scanning its whole collection,
// which in a pool of 100,000 codes costs ~300 ms an update, while an insert costs ~5 ms.

interface CodeDocument {
  _id: string;
  poolId: string;
  orgId: string;
  number: number;
  code: string;
  expiresAt: Date | null;
  createdAt: Date;
}

/**
 * `rewardId` holds the holder's id, reward or redemption (the field is older than redemptions;
 * its unique index keeps one code per holder, and the ids' prefixes never collide).
 */
interface AllocationDocument {
  _id: string;
  poolId: string;
  number: number;
  rewardId: string;
  holderKind: VoucherHolderKind;
  userId: string;
  allocatedAt: Date;
}

const CodeDocument = z.object({ _id: z.string(), poolId: z.string(), orgId: z.string(), number: z.number().int(), code: z.string(), expiresAt: z.date().nullable(), createdAt: z.date() });
const AllocationDocument = z.object({
  _id: z.string(),
  poolId: z.string(),
  number: z.number().int(),
  rewardId: z.string(),
  // Allocations stored before redemptions existed were all held by rewards.
  holderKind: z.enum(["reward", "redemption"]).default("reward"),
  userId: z.string(),
  allocatedAt: z.date(),
});

export const voucherCodesCollection = (db: Db) => db.collection<CodeDocument>("voucher_codes");
export const voucherAllocationsCollection = (db: Db) => db.collection<AllocationDocument>("voucher_allocations");

/** A code's id, and its allocation's: the pool and the number, zero-padded so ids sort as numbers do. */
const codeId = (poolId: string, number: number) => `${poolId}:${String(number).padStart(10, "0")}`;

const toCode = (document: unknown): StoredVoucherCode & { id: string; createdAt: Date } => {
  const { _id, createdAt, ...code } = parseDocument(CodeDocument, "voucher_codes", document);
  return { id: _id, createdAt, addedAt: createdAt, ...code };
};
const toAllocation = (document: unknown): VoucherAllocation => {
  const { _id: _ignored, rewardId, ...allocation } = parseDocument(AllocationDocument, "voucher_allocations", document);
  return { ...allocation, holderId: rewardId };
};

export function mongoVoucherCodeStore(db: Db): VoucherCodeStore {
  const codes = voucherCodesCollection(db);
  const allocations = voucherAllocationsCollection(db);
  return {
    insertCodes: (batch) =>
      classified(async () => {
        if (batch.length === 0) return { duplicates: [] };
        const documents = batch.map(({ addedAt, ...code }) => ({ _id: codeId(code.poolId, code.number), ...code, createdAt: addedAt }));
        try {
          // Unordered: every code that is new is stored, whatever its neighbours.
          await codes.insertMany(documents, { ordered: false });
          return { duplicates: [] };
        } catch (error) {
          if (!(error instanceof MongoBulkWriteError)) throw error;
          const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
          if (!writeErrors.every((e) => e.code === duplicateKeyCode)) throw error;
          return { duplicates: writeErrors.map((e) => documents[e.index]!.code) };
        }
      }),

    findCode: (poolId, number) =>
      classified(async () => {
        const document = await codes.findOne({ _id: codeId(poolId, number) });
        return document && toCode(document);
      }),

    findCodes: (poolId, numbers) =>
      classified(async () => (await codes.find({ _id: { $in: numbers.map((number) => codeId(poolId, number)) } }).toArray()).map(toCode)),

    allocatedNumbers: (poolId, numbers) =>
      classified(async () => {
        const found = await allocations.find({ _id: { $in: numbers.map((number) => codeId(poolId, number)) } }, { projection: { number: 1 } }).toArray();
        return found.map((document) => document.number);
      }),

    allocate: (allocation) =>
      classified(async () => {
        try {
          const { holderId, ...fields } = allocation;
          await allocations.insertOne({ _id: codeId(allocation.poolId, allocation.number), ...fields, rewardId: holderId });
          return "allocated";
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          // Two unique keys: the code's id, and the holder. Whichever held, the holder's is read back.
          return (await allocations.findOne({ rewardId: allocation.holderId })) ? "holder_has_code" : "code_taken";
        }
      }),

    findAllocationOf: (holderId) =>
      classified(async () => {
        const document = await allocations.findOne({ rewardId: holderId });
        return document && toAllocation(document);
      }),

    listCodes: (poolId, page, status) =>
      classified(async () => {
        // A page of the pool's codes with their allocations; a status keeps those of the page that
        // match, so a page may hold fewer than its limit while the list goes on (`next`).
        const listed = await findPage(codes, { poolId }, page, toCode);
        const found = await allocations.find({ _id: { $in: listed.items.map((code) => code.id) } }).toArray();
        const byId = new Map(found.map((document) => [document._id, toAllocation(document)]));
        const items: ListedVoucherCode[] = listed.items
          .map(({ id, ...code }) => ({ ...code, allocation: byId.get(id) ?? null }))
          .filter((code) => status === undefined || (status === "allocated") === (code.allocation !== null));
        return { items, ...(listed.next ? { next: listed.next } : {}) };
      }),
  };
}
