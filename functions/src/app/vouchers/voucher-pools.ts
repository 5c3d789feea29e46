import type { z } from "zod";
import type { VoucherPoolIn, VoucherPoolOut, VoucherPoolPatch } from "../../contracts/vouchers.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import { newVoucherPool, patchedVoucherPool, stockOf, type VoucherPool } from "../../domain/vouchers/voucher-pool.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { VoucherPoolRepository } from "../../ports/voucher-pool-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { updateAggregate } from "../shared/update-aggregate.js";

export interface VoucherPoolDeps {
  organizations: OrganizationRepository;
  voucherPools: VoucherPoolRepository;
  ids: Ids;
  clock: Clock;
}

export function presentVoucherPool(pool: VoucherPool): VoucherPoolOut {
  return {
    id: pool.id,
    orgId: pool.orgId,
    name: pool.name,
    redemptionInstructions: pool.redemptionInstructions,
    lowStockThreshold: pool.lowStockThreshold,
    stock: stockOf(pool),
    createdAt: pool.createdAt.toISOString(),
    updatedAt: pool.updatedAt.toISOString(),
  };
}

export async function createVoucherPool(deps: VoucherPoolDeps, principal: Principal, input: z.output<typeof VoucherPoolIn>): Promise<VoucherPoolOut> {
  await loadOrganizationFor(deps.organizations, input.orgId, principal, "rewards:write");
  const pool = newVoucherPool(input, deps.ids.next("vpl"), deps.clock.now());
  await deps.voucherPools.insert(pool);
  return presentVoucherPool(pool);
}

export async function listVoucherPools(deps: VoucherPoolDeps, principal: Principal, orgId: string, query: { limit: number; cursor?: string | undefined }) {
  await loadOrganizationFor(deps.organizations, orgId, principal, "rewards:read");
  const page = decodePageRequest(query);
  return toPage(await deps.voucherPools.listByOrg(orgId, page), page.order, presentVoucherPool);
}

/** The organization's pool, for a principal holding `permission` in it; another organization's pool does not exist. */
export async function loadVoucherPoolFor(deps: VoucherPoolDeps, principal: Principal, orgId: string, poolId: string, permission: "rewards:read" | "rewards:write"): Promise<VoucherPool> {
  await loadOrganizationFor(deps.organizations, orgId, principal, permission);
  const pool = await deps.voucherPools.findById(poolId);
  if (!pool || pool.orgId !== orgId) throw new AppError("not_found", "voucher pool not found");
  return pool;
}

export async function getVoucherPool(deps: VoucherPoolDeps, principal: Principal, orgId: string, poolId: string): Promise<VoucherPoolOut> {
  return presentVoucherPool(await loadVoucherPoolFor(deps, principal, orgId, poolId, "rewards:read"));
}

export async function updateVoucherPool(deps: VoucherPoolDeps, principal: Principal, orgId: string, poolId: string, patch: z.output<typeof VoucherPoolPatch>): Promise<VoucherPoolOut> {
  await loadVoucherPoolFor(deps, principal, orgId, poolId, "rewards:write");
  const saved = await updateAggregate(deps.voucherPools, poolId, (current) => ({ next: patchedVoucherPool(current, patch, deps.clock.now()) }));
  if (!saved) throw new AppError("not_found", "voucher pool not found");
  return presentVoucherPool(saved);
}
