import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoClaimRepository } from "../../../src/adapters/mongo/claim-repository.js";
import { mongoEventOutbox } from "../../../src/adapters/mongo/event-outbox.js";
import { mongoRewardRepository } from "../../../src/adapters/mongo/reward-repository.js";
import type { ClaimRepository, RewardRepository } from "../../../src/ports/repositories.js";
import type { EventOutbox } from "../../../src/ports/outbox.js";
import { aClaim, aReward, anActiveOpportunity, claimCompleted, claimCreated, now, rewardIssued } from "./fixtures.js";
import { openTestDatabase, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let outbox: EventOutbox;
let claims: ClaimRepository;
let rewards: RewardRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_outbox"));
  outbox = mongoEventOutbox(db);
  claims = mongoClaimRepository(db);
  rewards = mongoRewardRepository(db);
});

afterAll(() => drop());

const outboxOf = (collection: string) => db.collection<{ _id: string; outbox: unknown[] }>(collection);
const logged = (ids: string[]) => storedDocuments(db, "events").find({ _id: { $in: ids } }).toArray();

describe("mongoEventOutbox", () => {
  it("hands out the events written with a state change, then logs and removes the relayed ones", async () => {
    const claim = aClaim(anActiveOpportunity({ tasks: 1 }));
    const created = claimCreated(claim);
    await claims.insert(claim, [created]);
    const completed = claimCompleted(claim, now);
    await claims.approveTask(claim.id, "task_1", { at: now, events: [completed] });
    const source = { collection: "claims" as const, id: claim.id };

    expect(await outbox.pending(source)).toEqual([created, completed]);
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
    const source = { collection: "claims" as const, id: claim.id };
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
    await rewards.insertOnce(reward);
    const source = { collection: "rewards" as const, id: reward.id };
    const first = rewardIssued(reward);
    await outboxOf("rewards").updateOne({ _id: reward.id }, { $push: { outbox: first } });
    const relaying = await outbox.pending(source);
    const second = rewardIssued(reward);
    await outboxOf("rewards").updateOne({ _id: reward.id }, { $push: { outbox: second } });

    await outbox.markRelayed(source, relaying);

    expect(await outbox.pending(source)).toEqual([second]);
  });

  it("finds documents whose oldest waiting event is older than the cut-off, and no others", async () => {
    const stranded = aClaim(anActiveOpportunity());
    await claims.insert(stranded, [claimCreated(stranded)]);
    const relayed = aClaim(anActiveOpportunity());
    const relayedEvent = claimCreated(relayed);
    await claims.insert(relayed, [relayedEvent]);
    await outbox.markRelayed({ collection: "claims", id: relayed.id }, [relayedEvent]);

    const later = new Date(now.getTime() + 60_000);
    const found = await outbox.stale(later, 1_000);
    expect(found).toContainEqual({ collection: "claims", id: stranded.id });
    expect(found).not.toContainEqual({ collection: "claims", id: relayed.id });
    expect(await outbox.stale(now, 1_000)).not.toContainEqual({ collection: "claims", id: stranded.id });
    expect(await outbox.stale(later, 1)).toHaveLength(1);
  });

  it("has nothing pending for a document that does not exist", async () => {
    const source = { collection: "opportunities" as const, id: testId("opp") };
    expect(await outbox.pending(source)).toEqual([]);
    await outbox.markRelayed(source, []);
  });

  it("rejects an outbox holding something that is not an event", async () => {
    const claim = aClaim(anActiveOpportunity());
    await claims.insert(claim, []);
    await outboxOf("claims").updateOne({ _id: claim.id }, { $push: { outbox: { id: "evt_broken", type: "claim.created.v1" } } });
    await expect(outbox.pending({ collection: "claims", id: claim.id })).rejects.toMatchObject({
      name: "AppError",
      code: "internal",
      message: expect.stringContaining(`corrupt document ${claim.id} in claims`),
    });
  });
});
