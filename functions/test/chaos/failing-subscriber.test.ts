import { afterAll, describe, expect, it } from "vitest";
import { chaosFaultsCollection } from "../../src/adapters/mongo/fault-injector.js";
import { functionLog } from "../e2e/support/function-logs.js";
import { platformDatabase } from "../e2e/support/mongo.js";
import { recordFigure } from "./support/figures.js";
import { settle, violations } from "./support/invariants.js";
import { claimAll, crowd, requestCounts, submitAll } from "./support/scenario.js";

// The rewards subscriber fails three times in a row (armed through the functions' fault
// injection, on in the local demo- project only), then succeeds: Pub/Sub redelivers each failed
// delivery after the subscription's backoff, and the reward is paid once.

const database = platformDatabase();
afterAll(() => database.close());

describe("a subscriber that fails N times then succeeds", () => {
  it("is redelivered until it succeeds, and pays once", { timeout: 600_000 }, async () => {
    const { opportunity, participants } = await crowd(1, 1);
    const log = functionLog();
    await claimAll(participants, opportunity.id, 1);
    const faults = chaosFaultsCollection(database.db);
    await faults.updateOne({ _id: "subscriber.issueRewards.claim.completed.v1" }, { $set: { remaining: 3 } }, { upsert: true });
    const armed = Date.now();
    await submitAll(participants, 1);

    await settle(() => violations(database.db, opportunity.id));
    const settleMs = Date.now() - armed;
    const completion = await database.db.collection<{ _id: string }>("events").findOne({ type: "claim.completed.v1", "data.claimId": participants[0]!.claim!.final.body.id });
    const entries = await log.entries();
    const retries = entries.filter((entry) => entry.message === "event.retry" && entry.subscriber === "issueRewards" && entry.eventId === completion!._id);
    expect(retries).toHaveLength(3);
    expect((await faults.findOne({ _id: "subscriber.issueRewards.claim.completed.v1" }))?.remaining).toBe(0);
    await recordFigure({ fault: "rewards subscriber failing 3 times, then succeeding", settleMs, ...requestCounts(participants), subscriberRetries: retries.length });
  });
});
