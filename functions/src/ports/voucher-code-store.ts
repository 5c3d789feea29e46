import type { PageOf, PageRequest } from "./page.js";

/** A code of a pool, numbered in the order it was added. Codes are never changed once stored. */
export interface StoredVoucherCode {
  poolId: string;
  orgId: string;
  number: number;
  code: string;
  expiresAt: Date | null;
  addedAt: Date;
}

/** What holds a code: a voucher reward, or a redemption of points. */
export type VoucherHolderKind = "reward" | "redemption";

/** A code given to a holder: at most one per code, and one per holder. */
export interface VoucherAllocation {
  poolId: string;
  number: number;
  holderKind: VoucherHolderKind;
  /** The reward's or the redemption's id. */
  holderId: string;
  userId: string;
  allocatedAt: Date;
}

export type AllocationOutcome = "allocated" | "code_taken" | "holder_has_code";

export interface ListedVoucherCode extends StoredVoucherCode {
  allocation: VoucherAllocation | null;
}

/**
 * Codes and their allocations, both only ever inserted: a code is given when its allocation
 * exists, so giving one is a single insert whose unique keys (the code, the holder) decide every
 * race.
 */
export interface VoucherCodeStore {
  /** Stores codes already numbered; a code the pool holds already is not stored and is returned as a duplicate. */
  insertCodes(codes: readonly StoredVoucherCode[]): Promise<{ duplicates: string[] }>;
  findCode(poolId: string, number: number): Promise<StoredVoucherCode | null>;
  /** The pool's codes of these numbers (a number with no code is left out). */
  findCodes(poolId: string, numbers: readonly number[]): Promise<StoredVoucherCode[]>;
  /** Which of these numbers of the pool have been given. */
  allocatedNumbers(poolId: string, numbers: readonly number[]): Promise<number[]>;
  allocate(allocation: VoucherAllocation): Promise<AllocationOutcome>;
  findAllocationOf(holderId: string): Promise<VoucherAllocation | null>;
  /** A pool's codes in the order added, each with its allocation; `status` keeps only those given or those not. */
  listCodes(poolId: string, page: PageRequest, status?: "available" | "allocated"): Promise<PageOf<ListedVoucherCode>>;
}
