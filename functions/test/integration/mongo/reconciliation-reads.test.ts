import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoClaimRepository } from "../../../src/adapters/mongo/claim-repository.js";
import { mongoOpportunityRepository } from "../../../src/adapters/mongo/opportunity-repository.js";
import { mongoPointsLedger } from "../../../src/adapters/mongo/points-ledger.js";
import { mongoReconciliationReads } from "../../../src/adapters/mongo/reconciliation-reads.js";
import { mongoRewardRepository } from "../../../src/adapters/mongo/reward-repository.js";
import { issued } from "../../../src/domain/rewards/reward.js";
import { aClaim, aReward, anActiveOpportunity, approveTask, now, secondsAfter } from "./fixtures.js";
import { openTestDatabase, testId } from "./mongo-test-database.js";

// Reconciliation's scans by time, on the real local server.

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_reconcile"));
});

afterAll(() => drop());

describe("mongoReconciliationReads", () => {
  it("finds completed claims, issued points rewards and ledger entries in a window, and what pairs with them", async () => {
    const claims = mongoClaimRepository(db);
    const rewards = mongoRewardRepository(db);
    const ledger = mongoPointsLedger(db);
    const reads = mongoReconciliationReads(db);
    const opportunity = anActiveOpportunity({ tasks: 1 });
    const [early, inside, open] = [aClaim(opportunity), aClaim(opportunity), aClaim(opportunity)];
    for (const claim of [early, inside, open]) await claims.insert(claim);
    await approveTask(claims, early.id, "task_1", secondsAfter(now, -120));
    await approveTask(claims, inside.id, "task_1", secondsAfter(now, 30));
    const reward = aReward(inside);
    await rewards.insert(reward);
    const paid = await rewards.save(issued(reward, secondsAfter(now, 40)), reward.version);
    await ledger.credit({ userId: paid.userId, points: paid.value, rewardId: paid.id, orgId: paid.orgId, at: secondsAfter(now, 40), expiresAt: null });
    const window = { from: now, to: secondsAfter(now, 60) };

    expect((await reads.claimsCompletedIn(window, 10)).map((claim) => claim.id)).toEqual([inside.id]);
    expect((await reads.rewardsOfClaims([early.id, inside.id, open.id])).map((r) => r.id)).toEqual([paid.id]);
    expect((await reads.rewardsByIds([paid.id, "rwd_nonexistent00000000"])).map((r) => r.status)).toEqual(["issued"]);
    expect((await reads.pointsRewardsIssuedIn(window, 10)).map((r) => r.id)).toEqual([paid.id]);
    expect(await reads.pointsRewardsIssuedIn({ from: secondsAfter(now, 50), to: secondsAfter(now, 60) }, 10)).toEqual([]);
    expect(await reads.ledgerEntriesOfRewards([paid.id])).toEqual([{ id: paid.id, userId: paid.userId, points: paid.value, rewardId: paid.id, at: secondsAfter(now, 40) }]);
    expect((await reads.ledgerEntriesIn(window, 10)).map((entry) => entry.rewardId)).toEqual([paid.id]);
    expect(await reads.rewardsOfClaims([])).toEqual([]);
  });

  it("counts the places of active opportunities: counter, claims and reservations", async () => {
    const opportunities = mongoOpportunityRepository(db);
    const claims = mongoClaimRepository(db);
    const opportunity = anActiveOpportunity({ capacity: 5 });
    await opportunities.insert(opportunity);
    const claimed = aClaim(opportunity);
    expect(await opportunities.reservePlace(opportunity.id, 5, { claimId: claimed.id, userId: claimed.userId, at: now })).toEqual({ outcome: "reserved" });
    await claims.insert(claimed);
    expect(await opportunities.reservePlace(opportunity.id, 5, { claimId: testId("clm"), userId: testId("usr"), at: now })).toEqual({ outcome: "reserved" });

    const places = await mongoReconciliationReads(db).placesOfActiveOpportunities(100);

    expect(places.find((place) => place.opportunityId === opportunity.id)).toEqual({ opportunityId: opportunity.id, claimsCount: 2, claims: 1, reservations: 2 });
  });
});
