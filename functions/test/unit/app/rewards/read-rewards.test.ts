import { describe, expect, it } from "vitest";
import { issueReward } from "../../../../src/app/rewards/issue-reward.js";
import { getPointsBalance, listRewards } from "../../../../src/app/rewards/read-rewards.js";
import { RewardOut } from "../../../../src/contracts/rewards.js";
import { participant } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";
import { completedClaim } from "../../support/completed-claim.js";

describe("reading rewards", () => {
  it("shows participants their own rewards and balance, and nobody else's", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId, completed } = await completedClaim(deps);
    await issueReward(deps, completed);

    const page = await listRewards(deps, alice, { limit: 20 });
    expect(page).toMatchObject({ data: [{ claimId, status: "issued", value: 50 }], nextCursor: null });
    expect(page.data.every((r) => RewardOut.safeParse(r).success)).toBe(true);
    expect(await getPointsBalance(deps, alice)).toEqual({ userId: alice.userId, points: 50 });

    const bob = participant(deps);
    expect(await listRewards(deps, bob, { limit: 20 })).toEqual({ data: [], nextCursor: null });
    expect(await getPointsBalance(deps, bob)).toEqual({ userId: bob.userId, points: 0 });
  });
});
