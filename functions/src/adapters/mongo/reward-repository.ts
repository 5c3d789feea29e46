import type { Db } from "mongodb";
import { AppError } from "../../domain/app-error.js";
import type { RewardRepository } from "../../ports/repositories.js";
import { rewardFromDocument, rewardToDocument, rewardsCollection } from "./documents/reward-document.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";
import { findPage } from "./keyset-page.js";

/** Rewards, at most one per claim (a unique index on claimId), in `rewards`. */
export function mongoRewardRepository(db: Db): RewardRepository {
  const rewards = rewardsCollection(db);
  return {
    insertOnce: (reward) =>
      classified(async () => {
        if (await insertIfAbsent(rewards, { ...rewardToDocument(reward), outbox: [] })) return reward;
        const existing = await rewards.findOne({ claimId: reward.claimId });
        if (!existing) throw new AppError("conflict", `reward id ${reward.id} is taken by another claim's reward`);
        return rewardFromDocument(existing);
      }),

    markIssued: (id, at, events) =>
      classified(async () => {
        const updated = await rewards.findOneAndUpdate(
          { _id: id, status: "pending" },
          { $set: { status: "issued", issuedAt: at }, $push: { outbox: { $each: [...events] } } },
          { returnDocument: "after" },
        );
        return updated && rewardFromDocument(updated);
      }),

    listByUser: (userId, page) => classified(() => findPage(rewards, { userId }, page, rewardFromDocument)),
  };
}
