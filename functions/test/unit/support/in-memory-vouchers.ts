import type { VoucherPool } from "../../../src/domain/vouchers/voucher-pool.js";
import { voucherPoolCounters } from "../../../src/domain/vouchers/voucher-pool.js";
import type { PageRequest } from "../../../src/ports/page.js";
import type { SecureRandom } from "../../../src/ports/random.js";
import type { ListedVoucherCode, StoredVoucherCode, VoucherAllocation, VoucherCodeStore } from "../../../src/ports/voucher-code-store.js";
import type { VoucherPoolRepository } from "../../../src/ports/voucher-pool-repository.js";
import { InMemoryAggregateStore, pageOf } from "./in-memory-repositories.js";

/** The in-memory twin of adapters/mongo/voucher-pool-repository.ts: the same guarded counter moves. */
export class InMemoryVoucherPoolRepository extends InMemoryAggregateStore<VoucherPool> implements VoucherPoolRepository {
  constructor() {
    super({ atomicFields: [...voucherPoolCounters] });
  }

  private move(poolId: string, guard: (pool: VoucherPool) => boolean, change: (pool: VoucherPool) => VoucherPool) {
    const before = this.table.get(poolId);
    return before && this.table.update(poolId, guard, change) ? before : null;
  }

  async listByOrg(orgId: string, page: PageRequest) {
    return pageOf(this.table.all().filter((pool) => pool.orgId === orgId), page);
  }

  async reserveNumbers(poolId: string, count: number) {
    const before = this.move(poolId, () => true, (pool) => ({ ...pool, lastNumber: pool.lastNumber + count, untaken: pool.untaken + count }));
    if (!before) throw new Error(`no pool ${poolId}`);
    return before.lastNumber + 1;
  }

  async countAdded(poolId: string, count: number) {
    return this.table.update(poolId, () => true, (pool) => ({ ...pool, added: pool.added + count }))!;
  }

  async takeNumber(poolId: string) {
    const withReturned = this.move(poolId, (pool) => pool.returnedCount > 0, (pool) => ({ ...pool, returned: pool.returned.slice(1), returnedCount: pool.returnedCount - 1 }));
    if (withReturned) return withReturned.returned[0] ?? null;
    return this.move(poolId, (pool) => pool.untaken > 0, (pool) => ({ ...pool, nextNumber: pool.nextNumber + 1, untaken: pool.untaken - 1 }))?.nextNumber ?? null;
  }

  async giveBackNumber(poolId: string, number: number) {
    this.table.update(poolId, () => true, (pool) => ({ ...pool, returned: [...pool.returned, number], returnedCount: pool.returnedCount + 1 }));
  }

  async countAllocated(poolId: string) {
    return this.table.update(poolId, () => true, (pool) => ({ ...pool, allocated: pool.allocated + 1 }))!;
  }

  async countExpired(poolId: string) {
    this.table.update(poolId, () => true, (pool) => ({ ...pool, expired: pool.expired + 1 }));
  }

  async markSwept(poolId: string, upTo: number) {
    this.table.update(poolId, () => true, (pool) => ({ ...pool, sweptUpTo: Math.max(pool.sweptUpTo, upTo) }));
  }

  async listUnswept(limit: number) {
    return this.table
      .all()
      .filter((pool) => pool.nextNumber - 1 > pool.sweptUpTo)
      .slice(0, limit);
  }
}

/** The in-memory twin of adapters/mongo/voucher-code-store.ts: the same unique keys decide every race. */
export class InMemoryVoucherCodeStore implements VoucherCodeStore {
  readonly codes = new Map<string, StoredVoucherCode>();
  readonly allocations = new Map<string, VoucherAllocation>();

  private key = (poolId: string, number: number) => `${poolId}:${String(number).padStart(10, "0")}`;

  async insertCodes(batch: readonly StoredVoucherCode[]) {
    const duplicates: string[] = [];
    for (const code of batch) {
      const taken = [...this.codes.values()].some((stored) => stored.poolId === code.poolId && stored.code === code.code);
      if (taken) duplicates.push(code.code);
      else this.codes.set(this.key(code.poolId, code.number), structuredClone(code));
    }
    return { duplicates };
  }

  async findCode(poolId: string, number: number) {
    return structuredClone(this.codes.get(this.key(poolId, number)) ?? null);
  }

  async allocate(allocation: VoucherAllocation) {
    if ([...this.allocations.values()].some((given) => given.holderId === allocation.holderId)) return "holder_has_code" as const;
    const key = this.key(allocation.poolId, allocation.number);
    if (this.allocations.has(key)) return "code_taken" as const;
    this.allocations.set(key, structuredClone(allocation));
    return "allocated" as const;
  }

  async findCodes(poolId: string, numbers: readonly number[]) {
    return numbers.flatMap((number) => {
      const code = this.codes.get(this.key(poolId, number));
      return code ? [structuredClone(code)] : [];
    });
  }

  async allocatedNumbers(poolId: string, numbers: readonly number[]) {
    return numbers.filter((number) => this.allocations.has(this.key(poolId, number)));
  }

  async findAllocationOf(holderId: string) {
    return structuredClone([...this.allocations.values()].find((given) => given.holderId === holderId) ?? null);
  }

  async listCodes(poolId: string, page: PageRequest, status?: "available" | "allocated") {
    const listed = pageOf(
      [...this.codes.entries()].filter(([, code]) => code.poolId === poolId).map(([id, code]) => ({ ...code, id, createdAt: code.addedAt })),
      page,
    );
    const items: ListedVoucherCode[] = listed.items
      .map(({ id, ...code }) => ({ ...code, allocation: this.allocations.get(id) ?? null }))
      .filter((code) => status === undefined || (status === "allocated") === (code.allocation !== null));
    return { items, ...(listed.next ? { next: listed.next } : {}) };
  }
}

/** Draws from a fixed sequence, cycling, so generated codes are known in advance. */
export class ScriptedRandom implements SecureRandom {
  private drawn = 0;
  constructor(private readonly sequence: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {}
  int(n: number) {
    const value = this.sequence[this.drawn % this.sequence.length]! % n;
    this.drawn += 1;
    return value;
  }
}
