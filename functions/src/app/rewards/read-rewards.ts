import type { PointsBalanceOut, RewardOut } from "../../contracts/rewards.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { Reward } from "../../domain/rewards/reward.js";
import type { PointsLedger, RewardRepository } from "../../ports/repositories.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";

const presentReward = (r: Reward): RewardOut => ({
  id: r.id,
  claimId: r.claimId,
  opportunityId: r.opportunityId,
  orgId: r.orgId,
  userId: r.userId,
  type: r.type,
  value: r.value,
  currency: r.currency,
  status: r.status,
  issuedAt: r.issuedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

export async function listRewards(deps: { rewards: RewardRepository }, principal: Principal, query: { limit: number; cursor?: string | undefined }): Promise<{ data: RewardOut[]; nextCursor: string | null }> {
  const userId = requireUser(principal);
  const page = decodePageRequest(query);
  return toPage(await deps.rewards.listByUser(userId, page), page.order, presentReward);
}

export async function getPointsBalance(deps: { ledger: PointsLedger }, principal: Principal): Promise<PointsBalanceOut> {
  const userId = requireUser(principal);
  return { userId, points: await deps.ledger.balance(userId) };
}
