import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoClaimRepository } from "../../../src/adapters/mongo/claim-repository.js";
import { mongoEventOutbox } from "../../../src/adapters/mongo/event-outbox.js";
import { mongoOpportunityRepository } from "../../../src/adapters/mongo/opportunity-repository.js";
import { mongoRewardRepository } from "../../../src/adapters/mongo/reward-repository.js";
import type { ClaimRepository } from "../../../src/ports/claim-repository.js";
import type { OpportunityRepository } from "../../../src/ports/opportunity-repository.js";
import type { EventOutbox } from "../../../src/ports/outbox.js";
import type { RewardRepository } from "../../../src/ports/reward-repository.js";
import { aClaim, aReward, anActiveOpportunity, anOpportunity, approveTask, claimCreated, now, opportunityPublished, rewardIssued } from "./fixtures.js";
import { openTestDatabase, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let outbox: EventOutbox;
let claims: ClaimRepository;
let rewards: RewardRepository;
let opportunities: OpportunityRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_outbox"));
  outbox = mongoEventOutbox(db);
  claims = mongoClaimRepository(db);
  rewards = mongoRewardRepository(db);
  opportunities = mongoOpportunityRepository(db);
});

afterAll(() => drop());

const outboxOf = (collection: string) => db.collection<{ _id: string; outbox: unknown[] }>(collection);
const logged = (ids: string[]) => storedDocuments(db, "events").find({ _id: { $in: ids } }).toArray();

describe("mongoEventOutbox", () => {
  it("hands out the events written with a state change, then logs and removes the relayed ones", async () => {
    const claim = aClaim(anActiveOpportunity({ tasks: 1 }));
    const created = claimCreated(claim);
    await claims.insert(claim, [created]);
    await approveTask(claims, claim.id, "task_1", now);
    const source = { aggregate: "claim" as const, id: claim.id };

    const pending = await outbox.pending(source);
    expect(pending).toEqual([created, expect.objectContaining({ type: "claim.completed.v1", data: expect.objectContaining({ claimId: claim.id }) })]);
    const completed = pending[1];
    if (!completed) throw new Error("the completion is missing");
    await outbox.markRelayed(source, [created]);

    expect(await outbox.pending(source)).toEqual([completed]);
    expect(await logged([created.id, completed.id])).toEqual([
      { _id: created.id, type: created.type, version: 1, orgId: created.orgId, occurredAt: now, data: created.data },
    ]);
  });

  it("takes a re-relay after a crash in its stride: each event is logged once and leaves the outbox", async () => {
    const claim = aClaim(anActiveOpportunity());
    const created = claimCreated(claim);
    await claims.insert(claim, [created]);
    const source = { aggregate: "claim" as const, id: claim.id };
    // A relay that logged the event and crashed before removing it from the outbox.
    await storedDocuments(db, "events").insertOne({ _id: created.id, type: created.type, version: 1, orgId: created.orgId, occurredAt: now, data: created.data });

    const resent = await outbox.pending(source);
    await outbox.markRelayed(source, resent);
    await outbox.markRelayed(source, resent);

    expect(resent).toEqual([created]);
    expect(await outbox.pending(source)).toEqual([]);
    expect(await logged([created.id])).toHaveLength(1);
  });

  it("keeps events written while a relay is under way", async () => {
    const reward = aReward(aClaim(anActiveOpportunity()));
    const first = rewardIssued(reward);
    await rewards.insert(reward, [first]);
    const source = { aggregate: "reward" as const, id: reward.id };
    const relaying = await outbox.pending(source);
    const second = rewardIssued(reward);
    await rewards.save(reward, 1, [second]);

    await outbox.markRelayed(source, relaying);

    expect(await outbox.pending(source)).toEqual([second]);
  });

  it("finds documents whose oldest waiting event is older than the cut-off, and no others", async () => {
    const stranded = aClaim(anActiveOpportunity());
    await claims.insert(stranded, [claimCreated(stranded)]);
    const relayed = aClaim(anActiveOpportunity());
    const relayedEvent = claimCreated(relayed);
    await claims.insert(relayed, [relayedEvent]);
    await outbox.markRelayed({ aggregate: "claim", id: relayed.id }, [relayedEvent]);

    const later = new Date(now.getTime() + 60_000);
    const found = await outbox.stale(later, 1_000);
    expect(found).toContainEqual({ aggregate: "claim", id: stranded.id });
    expect(found).not.toContainEqual({ aggregate: "claim", id: relayed.id });
    expect(await outbox.stale(now, 1_000)).not.toContainEqual({ aggregate: "claim", id: stranded.id });
    expect(await outbox.stale(later, 1)).toHaveLength(1);
  });

  it("relays the outbox of every kind of aggregate that has one, named by aggregate", async () => {
    const opportunity = anOpportunity();
    const published = opportunityPublished(opportunity);
    await opportunities.insert(opportunity, [published]);
    const reward = aReward(aClaim(opportunity));
    const issued = rewardIssued(reward);
    await rewards.insert(reward, [issued]);

    for (const [source, event] of [
      [{ aggregate: "opportunity" as const, id: opportunity.id }, published],
      [{ aggregate: "reward" as const, id: reward.id }, issued],
    ] as const) {
      expect(await outbox.pending(source)).toEqual([event]);
      await outbox.markRelayed(source, [event]);
      expect(await outbox.pending(source)).toEqual([]);
    }
    expect(await logged([published.id, issued.id])).toHaveLength(2);
    expect(await outbox.pending({ aggregate: "claim", id: opportunity.id })).toEqual([]);
  });

  it("has nothing pending for a document that does not exist", async () => {
    const source = { aggregate: "opportunity" as const, id: testId("opp") };
    expect(await outbox.pending(source)).toEqual([]);
    await outbox.markRelayed(source, []);
  });

  it("rejects an outbox holding something that is not an event", async () => {
    const claim = aClaim(anActiveOpportunity());
    await claims.insert(claim, []);
    await outboxOf("claims").updateOne({ _id: claim.id }, { $push: { outbox: { id: "evt_broken", type: "claim.created.v1" } } });
    await expect(outbox.pending({ aggregate: "claim", id: claim.id })).rejects.toMatchObject({
      name: "AppError",
      code: "internal",
      message: expect.stringContaining(`corrupt document ${claim.id} in claims`),
    });
  });
});
