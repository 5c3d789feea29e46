import type { z } from "zod";
import type { VoucherAdditionOut, VoucherGenerateIn, VoucherImportIn } from "../../contracts/vouchers.js";
import { VoucherCode } from "../../contracts/vouchers.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import type { Principal } from "../../domain/identity/principal.js";
import { assertRoomFor, generateCode } from "../../domain/vouchers/code-generator.js";
import { lowStockChange, stockOf, type VoucherPool } from "../../domain/vouchers/voucher-pool.js";
import type { SecureRandom } from "../../ports/random.js";
import type { VoucherCodeStore } from "../../ports/voucher-code-store.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { readCsvCodes, type CodeRow } from "./read-csv-codes.js";
import { loadVoucherPoolFor, type VoucherPoolDeps } from "./voucher-pools.js";

export type AddVoucherCodesDeps = VoucherPoolDeps & DispatchDeps & { voucherCodes: VoucherCodeStore; random: SecureRandom };

/** Codes are numbered and stored a batch at a time: memory stays bounded whatever the import's size. */
const batchSize = 1_000;
const listedAtMost = 100;

/** What one addition did, gathered batch by batch. */
class Tally {
  added = 0;
  duplicateCount = 0;
  duplicateExamples: string[] = [];
  invalidCount = 0;
  invalidLines: number[] = [];

  duplicates(codes: readonly string[]) {
    this.duplicateCount += codes.length;
    this.duplicateExamples.push(...codes.slice(0, listedAtMost - this.duplicateExamples.length));
  }

  invalid(line: number) {
    this.invalidCount += 1;
    if (this.invalidLines.length < listedAtMost) this.invalidLines.push(line);
  }
}

/** Imports codes given as a list or as CSV text; codes the pool holds already are reported, not added. */
export async function importVoucherCodes(deps: AddVoucherCodesDeps, principal: Principal, orgId: string, poolId: string, input: z.output<typeof VoucherImportIn>): Promise<VoucherAdditionOut> {
  const pool = await loadVoucherPoolFor(deps, principal, orgId, poolId, "rewards:write");
  const tally = new Tally();
  const rows: AsyncIterable<CodeRow> | Iterable<CodeRow> = input.csv !== undefined ? readCsvCodes(input.csv) : (input.codes ?? []).map((row, i) => ({ line: i + 1, ...row }));
  let batch: CodeRow[] = [];
  for await (const row of rows) {
    if (!VoucherCode.safeParse(row.code).success || (row.expiresAt !== undefined && Number.isNaN(Date.parse(row.expiresAt)))) {
      tally.invalid(row.line);
      continue;
    }
    batch.push(row);
    if (batch.length === batchSize) {
      await storeBatch(deps, pool, batch, tally);
      batch = [];
    }
  }
  await storeBatch(deps, pool, batch, tally);
  return finishAddition(deps, pool, tally);
}

/**
 * Generates `count` codes of the requested shape, each drawn from a cryptographic source; a code
 * the pool holds already (or drawn twice) is drawn again, so the pool gains `count` unique codes.
 */
export async function generateVoucherCodes(deps: AddVoucherCodesDeps, principal: Principal, orgId: string, poolId: string, input: z.output<typeof VoucherGenerateIn>): Promise<VoucherAdditionOut> {
  const pool = await loadVoucherPoolFor(deps, principal, orgId, poolId, "rewards:write");
  assertRoomFor(input, input.count);
  const tally = new Tally();
  const expiresAt = input.expiresAt;
  // The space holds at least ten times the count (assertRoomFor), so collisions are rare and a
  // few rounds always finish; the bound keeps a pool crowded by imports from looping for ever.
  for (let round = 0; tally.added < input.count && round < 10; round++) {
    const wanted = input.count - tally.added;
    for (let start = 0; start < wanted; start += batchSize) {
      const drawn = new Set<string>();
      while (drawn.size < Math.min(batchSize, wanted - start)) drawn.add(generateCode(input, (n) => deps.random.int(n)));
      const stored = new Tally();
      await storeBatch(deps, pool, [...drawn].map((code) => ({ line: 0, code, ...(expiresAt ? { expiresAt } : {}) })), stored);
      tally.added += stored.added;
    }
  }
  return finishAddition(deps, pool, tally);
}

async function storeBatch(deps: AddVoucherCodesDeps, pool: VoucherPool, batch: readonly CodeRow[], tally: Tally): Promise<void> {
  if (batch.length === 0) return;
  const first = await deps.voucherPools.reserveNumbers(pool.id, batch.length);
  const addedAt = deps.clock.now();
  const { duplicates } = await deps.voucherCodes.insertCodes(
    batch.map((row, i) => ({ poolId: pool.id, orgId: pool.orgId, number: first + i, code: row.code, expiresAt: row.expiresAt ? new Date(row.expiresAt) : null, addedAt })),
  );
  const added = batch.length - duplicates.length;
  // A duplicate's number stays unused: the reward that takes it finds no code and takes the next.
  if (added > 0) await deps.voucherPools.countAdded(pool.id, added);
  tally.added += added;
  tally.duplicates(duplicates);
}

/**
 * Announces the codes added (`voucher_pool.restocked.v1`: voucher rewards that failed for want of
 * codes are issued again on it) and moves the low-stock alert with the new stock.
 */
async function finishAddition(deps: AddVoucherCodesDeps, pool: VoucherPool, tally: Tally): Promise<VoucherAdditionOut> {
  const now = deps.clock.now();
  const saved = await updateAggregate(deps.voucherPools, pool.id, (current) => {
    const change = lowStockChange(current);
    const { available } = stockOf(current);
    const events = [];
    if (tally.added > 0) events.push(domainEvent("voucher_pool.restocked.v1", current.orgId, { poolId: current.id, added: tally.added, available }, deps.ids.next("evt"), now));
    if (change === "raise") events.push(domainEvent("voucher_pool.low.v1", current.orgId, { poolId: current.id, available, lowStockThreshold: current.lowStockThreshold }, deps.ids.next("evt"), now));
    if (events.length === 0 && change === null) return null;
    return { next: { ...current, lowStockAlerted: change === null ? current.lowStockAlerted : change === "raise", updatedAt: now }, events };
  });
  await dispatchEvents(deps, { aggregate: "voucherPool", id: pool.id });
  return {
    poolId: pool.id,
    added: tally.added,
    duplicates: { count: tally.duplicateCount, examples: tally.duplicateExamples },
    invalid: { count: tally.invalidCount, lines: tally.invalidLines },
    stock: stockOf(saved ?? pool),
  };
}
