import type { PointsBalanceOut, RewardOut } from "../../contracts/rewards.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { Reward } from "../../domain/rewards/reward.js";
import type { PointsLedger } from "../../ports/points-ledger.js";
import type { RewardRepository } from "../../ports/reward-repository.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { wireForm } from "../shared/wire-form.js";

const presentReward = (reward: Reward): RewardOut => wireForm(reward);

export async function listRewards(deps: { rewards: RewardRepository }, principal: Principal, query: { limit: number; cursor?: string | undefined }): Promise<{ data: RewardOut[]; nextCursor: string | null }> {
  const userId = requireUser(principal);
  const page = decodePageRequest(query);
  return toPage(await deps.rewards.listByUser(userId, page), page.order, presentReward);
}

export async function getPointsBalance(deps: { ledger: PointsLedger }, principal: Principal): Promise<PointsBalanceOut> {
  const userId = requireUser(principal);
  return { userId, points: await deps.ledger.balance(userId) };
}
