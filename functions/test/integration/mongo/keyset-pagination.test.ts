import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoClaimRepository } from "../../../src/adapters/mongo/claim-repository.js";
import { mongoOpportunityRepository } from "../../../src/adapters/mongo/opportunity-repository.js";
import { mongoRewardRepository } from "../../../src/adapters/mongo/reward-repository.js";
import type { Opportunity } from "../../../src/domain/opportunities/opportunity.js";
import type { ClaimRepository } from "../../../src/ports/claim-repository.js";
import type { OpportunityRepository } from "../../../src/ports/opportunity-repository.js";
import type { PageOf, PageRequest } from "../../../src/ports/page.js";
import type { RewardRepository } from "../../../src/ports/reward-repository.js";
import { aClaim, anActiveOpportunity, anOpportunity, aReward, now, secondsAfter } from "./fixtures.js";
import { openTestDatabase, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let opportunities: OpportunityRepository;
let claims: ClaimRepository;
let rewards: RewardRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_pages"));
  opportunities = mongoOpportunityRepository(db);
  claims = mongoClaimRepository(db);
  rewards = mongoRewardRepository(db);
});

afterAll(() => drop());

/** Every page of a list, calling `between` after each page fetch. */
async function readAll<T extends { id: string }>(
  fetch: (page: PageRequest) => Promise<PageOf<T>>,
  request: Omit<PageRequest, "after">,
  between: () => Promise<void> = async () => {},
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  let page = await fetch(request);
  for (;;) {
    pages++;
    ids.push(...page.items.map((item) => item.id));
    await between();
    if (!page.next) return { ids, pages };
    page = await fetch({ ...request, after: page.next });
  }
}

/** Opportunities of one organization, several created in the same millisecond so that ids break ties. */
async function seed(orgId: string, count: number): Promise<Opportunity[]> {
  const created: Opportunity[] = [];
  for (let i = 0; i < count; i++) {
    const opportunity = anOpportunity({ orgId, createdAt: secondsAfter(now, Math.floor(i / 3)) });
    await opportunities.insert(opportunity);
    created.push(opportunity);
  }
  return created;
}

const byPosition = (a: Opportunity, b: Opportunity) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe("keyset pagination", () => {
  it("walks a list in both orders, in pages of the requested size, each item once", async () => {
    const orgId = testId("org");
    const ascending = (await seed(orgId, 11)).sort(byPosition).map((o) => o.id);
    const list = (page: PageRequest) => opportunities.list({ orgId }, page);

    expect(await readAll(list, { limit: 4, order: "asc" })).toEqual({ ids: ascending, pages: 3 });
    expect(await readAll(list, { limit: 4, order: "desc" })).toEqual({ ids: [...ascending].reverse(), pages: 3 });
    expect(await readAll(list, { limit: 11, order: "asc" })).toEqual({ ids: ascending, pages: 1 });
  });

  // After each page, one item lands on the side already read and one on the side still ahead.
  // With offsets, the first would shift the list under the reader and repeat an item; with a
  // keyset it changes nothing, and the second shows up in its place. The item inserted after the
  // last page is past the end.
  it("stays stable while new items are inserted between page fetches, oldest first", async () => {
    const orgId = testId("org");
    const existing = (await seed(orgId, 9)).sort(byPosition).map((o) => o.id);
    const newer: string[] = [];
    const insertOlderAndNewer = async () => {
      await opportunities.insert(anOpportunity({ orgId, createdAt: secondsAfter(now, -1 - newer.length) }));
      const opportunity = anOpportunity({ orgId, createdAt: secondsAfter(now, 100 + newer.length) });
      await opportunities.insert(opportunity);
      newer.push(opportunity.id);
    };

    const { ids } = await readAll((page) => opportunities.list({ orgId }, page), { limit: 3, order: "asc" }, insertOlderAndNewer);

    expect(ids).toEqual([...existing, ...newer.slice(0, -1)]);
  });

  it("stays stable while new items are inserted between page fetches, newest first", async () => {
    const orgId = testId("org");
    const existing = (await seed(orgId, 9)).sort(byPosition).map((o) => o.id);
    const older: string[] = [];
    const insertNewerAndOlder = async () => {
      await opportunities.insert(anOpportunity({ orgId, createdAt: secondsAfter(now, 100 + older.length) }));
      const opportunity = anOpportunity({ orgId, createdAt: secondsAfter(now, -1 - older.length) });
      await opportunities.insert(opportunity);
      older.push(opportunity.id);
    };

    const { ids } = await readAll((page) => opportunities.list({ orgId }, page), { limit: 3, order: "desc" }, insertNewerAndOlder);

    expect(ids).toEqual([...existing].reverse().concat(older.slice(0, -1)));
  });

  it("pages a user's claims with a filter", async () => {
    const userId = testId("usr");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const claim = aClaim(anActiveOpportunity(), { userId, createdAt: secondsAfter(now, i) });
      await claims.insert(claim, []);
      ids.push(claim.id);
    }
    const list = (page: PageRequest) => claims.listByUser(userId, { status: "active" }, page);
    expect(await readAll(list, { limit: 2, order: "asc" })).toEqual({ ids, pages: 3 });
  });

  it("pages a user's rewards newest first, ties in time broken by id", async () => {
    const userId = testId("usr");
    const created = Array.from({ length: 7 }, (_, i) => aReward(aClaim(anActiveOpportunity(), { userId }), { createdAt: secondsAfter(now, Math.floor(i / 2)) }));
    for (const reward of created) await rewards.insert(reward);
    const newestFirst = [...created].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id);
    expect(await readAll((page) => rewards.listByUser(userId, page), { limit: 3, order: "desc" })).toEqual({ ids: newestFirst, pages: 3 });
  });
});
