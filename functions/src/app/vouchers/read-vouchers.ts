import type { MaskedVoucherCodeOut, VoucherOut } from "../../contracts/vouchers.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { maskedCode } from "../../domain/vouchers/voucher-pool.js";
import type { RewardRepository } from "../../ports/reward-repository.js";
import type { ListedVoucherCode, VoucherCodeStore } from "../../ports/voucher-code-store.js";
import type { VoucherPoolRepository } from "../../ports/voucher-pool-repository.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { loadVoucherPoolFor, type VoucherPoolDeps } from "./voucher-pools.js";

const presentMasked = (code: ListedVoucherCode): MaskedVoucherCodeOut => ({
  maskedCode: maskedCode(code.code),
  status: code.allocation ? "allocated" : "available",
  expiresAt: code.expiresAt?.toISOString() ?? null,
  rewardId: code.allocation?.holderKind === "reward" ? code.allocation.holderId : null,
  redemptionId: code.allocation?.holderKind === "redemption" ? code.allocation.holderId : null,
  allocatedAt: code.allocation?.allocatedAt.toISOString() ?? null,
  addedAt: code.addedAt.toISOString(),
});

/** A pool's codes as the console lists them: masked, in the order added, with their allocation. */
export async function listVoucherCodes(
  deps: VoucherPoolDeps & { voucherCodes: VoucherCodeStore },
  principal: Principal,
  orgId: string,
  poolId: string,
  query: { limit: number; cursor?: string | undefined; status?: "available" | "allocated" | undefined },
) {
  await loadVoucherPoolFor(deps, principal, orgId, poolId, "rewards:read");
  const page = { ...decodePageRequest({ ...query, sort: "createdAt" }) };
  const listed = await deps.voucherCodes.listCodes(poolId, page, query.status);
  return toPage({ items: listed.items, ...(listed.next ? { next: listed.next } : {}) }, page.order, presentMasked);
}

/** The code of the caller's own issued voucher reward, with how to redeem it; anyone else's reward does not exist. */
export async function getRewardVoucher(
  deps: { rewards: RewardRepository; voucherPools: VoucherPoolRepository; voucherCodes: VoucherCodeStore },
  principal: Principal,
  rewardId: string,
): Promise<VoucherOut> {
  const userId = requireUser(principal);
  const reward = await deps.rewards.findById(rewardId);
  if (!reward || reward.userId !== userId) throw new AppError("not_found", "reward not found");
  if (reward.type !== "voucher" || reward.poolId === null) throw new AppError("invalid_state", "this reward is not a voucher", { type: reward.type });
  const allocation = reward.status === "issued" ? await deps.voucherCodes.findAllocationOf(reward.id) : null;
  if (!allocation) throw new AppError("invalid_state", `this reward is ${reward.status}: it has no code yet`, { status: reward.status });
  const [code, pool] = await Promise.all([deps.voucherCodes.findCode(allocation.poolId, allocation.number), deps.voucherPools.findById(allocation.poolId)]);
  if (!code) throw new AppError("internal", `voucher code ${allocation.poolId}#${allocation.number} of reward ${reward.id} is missing`);
  return {
    rewardId: reward.id,
    userId,
    code: code.code,
    expiresAt: code.expiresAt?.toISOString() ?? null,
    redemptionInstructions: pool?.redemptionInstructions ?? "",
    allocatedAt: allocation.allocatedAt.toISOString(),
  };
}
