import type { RedemptionOut } from "../../contracts/redemptions.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { Redemption } from "../../domain/redemptions/redemption.js";
import type { RedemptionRepository } from "../../ports/redemption-repository.js";
import type { VoucherCodeStore } from "../../ports/voucher-code-store.js";
import type { VoucherPoolRepository } from "../../ports/voucher-pool-repository.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { wireForm } from "../shared/wire-form.js";

export interface ReadRedemptionDeps {
  redemptions: RedemptionRepository;
  voucherCodes: VoucherCodeStore;
  voucherPools: VoucherPoolRepository;
}

/** A redemption as its owner sees it in a list: without its code. */
function presentWithout(redemption: Redemption): RedemptionOut {
  const { key: _key, poolId: _poolId, updatedAt: _updatedAt, ...shown } = wireForm(redemption);
  return { ...shown, voucher: null };
}

/** The redemption with its code revealed, once completed. */
export async function presentRedemption(deps: ReadRedemptionDeps, redemption: Redemption): Promise<RedemptionOut> {
  const shown = presentWithout(redemption);
  if (redemption.status !== "completed") return shown;
  const allocation = await deps.voucherCodes.findAllocationOf(redemption.id);
  if (!allocation) throw new AppError("internal", `completed redemption ${redemption.id} holds no code`);
  const [code, pool] = await Promise.all([deps.voucherCodes.findCode(allocation.poolId, allocation.number), deps.voucherPools.findById(allocation.poolId)]);
  if (!code) throw new AppError("internal", `voucher code ${allocation.poolId}#${allocation.number} of redemption ${redemption.id} is missing`);
  return { ...shown, voucher: { code: code.code, expiresAt: code.expiresAt?.toISOString() ?? null, redemptionInstructions: pool?.redemptionInstructions ?? "" } };
}

export async function listRedemptions(deps: ReadRedemptionDeps, principal: Principal, query: { limit: number; cursor?: string | undefined }) {
  const userId = requireUser(principal);
  const page = decodePageRequest(query);
  return toPage(await deps.redemptions.listByUser(userId, page), page.order, presentWithout);
}

/** One of the caller's redemptions with its code; anyone else's does not exist. */
export async function getRedemption(deps: ReadRedemptionDeps, principal: Principal, redemptionId: string): Promise<RedemptionOut> {
  const userId = requireUser(principal);
  const redemption = await deps.redemptions.findById(redemptionId);
  if (!redemption || redemption.userId !== userId) throw new AppError("not_found", "redemption not found");
  return presentRedemption(deps, redemption);
}
