import type { z } from "zod";
import type { RedemptionOfferIn, RedemptionOfferOut, RedemptionOfferPatch } from "../../contracts/redemptions.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import { newRedemptionOffer, patchedRedemptionOffer, type RedemptionOffer } from "../../domain/redemptions/redemption-offer.js";
import { stockOf } from "../../domain/vouchers/voucher-pool.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { PageOf } from "../../ports/page.js";
import type { RedemptionOfferRepository } from "../../ports/redemption-repository.js";
import type { VoucherPoolRepository } from "../../ports/voucher-pool-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { wireForm } from "../shared/wire-form.js";

export interface RedemptionOfferDeps {
  organizations: OrganizationRepository;
  redemptionOffers: RedemptionOfferRepository;
  voucherPools: VoucherPoolRepository;
  ids: Ids;
  clock: Clock;
}

type PageQuery = { limit: number; cursor?: string | undefined };

const present = (offer: RedemptionOffer, available: number): RedemptionOfferOut => ({ ...wireForm(offer), available });

/** The codes each offer's pool has left, each pool read once. */
async function availableByPool(deps: Pick<RedemptionOfferDeps, "voucherPools">, offers: readonly RedemptionOffer[]): Promise<Map<string, number>> {
  const poolIds = [...new Set(offers.map((offer) => offer.poolId))];
  const pools = await Promise.all(poolIds.map((id) => deps.voucherPools.findById(id)));
  return new Map(poolIds.map((id, index) => [id, pools[index] ? stockOf(pools[index]).available : 0]));
}

async function presentPage(deps: Pick<RedemptionOfferDeps, "voucherPools">, listed: PageOf<RedemptionOffer>, order: "asc" | "desc") {
  const available = await availableByPool(deps, listed.items);
  return toPage(listed, order, (offer) => present(offer, available.get(offer.poolId) ?? 0));
}

async function loadPoolOf(deps: RedemptionOfferDeps, orgId: string, poolId: string) {
  const pool = await deps.voucherPools.findById(poolId);
  // Another organization's pool is not one this organization can offer, and says nothing of it.
  if (!pool || pool.orgId !== orgId) throw new AppError("validation_failed", "no voucher pool with this id in the organization", { field: "poolId" });
  return pool;
}

export async function createRedemptionOffer(
  deps: RedemptionOfferDeps,
  principal: Principal,
  orgId: string,
  input: z.output<typeof RedemptionOfferIn>,
): Promise<RedemptionOfferOut> {
  await loadOrganizationFor(deps.organizations, orgId, principal, "rewards:write");
  const pool = await loadPoolOf(deps, orgId, input.poolId);
  const offer = newRedemptionOffer(orgId, input, deps.ids.next("rof"), deps.clock.now());
  await deps.redemptionOffers.insert(offer);
  return present(offer, stockOf(pool).available);
}

export async function listRedemptionOffers(deps: RedemptionOfferDeps, principal: Principal, orgId: string, query: PageQuery) {
  await loadOrganizationFor(deps.organizations, orgId, principal, "rewards:read");
  const page = decodePageRequest(query);
  return presentPage(deps, await deps.redemptionOffers.listByOrg(orgId, page), page.order);
}

export async function updateRedemptionOffer(
  deps: RedemptionOfferDeps,
  principal: Principal,
  orgId: string,
  offerId: string,
  patch: z.output<typeof RedemptionOfferPatch>,
): Promise<RedemptionOfferOut> {
  await loadOrganizationFor(deps.organizations, orgId, principal, "rewards:write");
  const existing = await deps.redemptionOffers.findById(offerId);
  if (!existing || existing.orgId !== orgId) throw new AppError("not_found", "redemption offer not found");
  const saved = await updateAggregate(deps.redemptionOffers, offerId, (current) => ({ next: patchedRedemptionOffer(current, patch, deps.clock.now()) }));
  if (!saved) throw new AppError("not_found", "redemption offer not found");
  const available = await availableByPool(deps, [saved]);
  return present(saved, available.get(saved.poolId) ?? 0);
}

/** The participants' catalogue: every active offer, whichever organization made it. */
export async function listRedemptionCatalogue(deps: RedemptionOfferDeps, query: PageQuery) {
  const page = decodePageRequest(query);
  return presentPage(deps, await deps.redemptionOffers.listActive(page), page.order);
}
