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

/** A code given to a reward: at most one per code, and one per reward. */
export interface VoucherAllocation {
  poolId: string;
  number: number;
  rewardId: string;
  userId: string;
  allocatedAt: Date;
}

export type AllocationOutcome = "allocated" | "code_taken" | "reward_has_code";

export interface ListedVoucherCode extends StoredVoucherCode {
  allocation: VoucherAllocation | null;
}

/**
 * Codes and their allocations, both only ever inserted: a code is given when its allocation
 * exists, so giving one is a single insert whose unique keys (the code, the reward) decide every
 * race.
 */
export interface VoucherCodeStore {
  /** Stores codes already numbered; a code the pool holds already is not stored and is returned as a duplicate. */
  insertCodes(codes: readonly StoredVoucherCode[]): Promise<{ duplicates: string[] }>;
  findCode(poolId: string, number: number): Promise<StoredVoucherCode | null>;
  allocate(allocation: VoucherAllocation): Promise<AllocationOutcome>;
  findAllocationByReward(rewardId: string): Promise<VoucherAllocation | null>;
  /** A pool's codes in the order added, each with its allocation; `status` keeps only those given or those not. */
  listCodes(poolId: string, page: PageRequest, status?: "available" | "allocated"): Promise<PageOf<ListedVoucherCode>>;
}
