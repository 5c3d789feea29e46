import { PubSub } from "@google-cloud/pubsub";
import { afterAll, describe, expect, it } from "vitest";
import { operationalEventsTopic } from "../../src/adapters/pubsub/topics.js";
import { eventually, platformEnv, uniqueName } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { functionLog } from "./support/function-logs.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// Reconciliation on the real platform: a completed claim whose reward delivery was lost for good
// (no reward, no ledger entry, nothing in the rewards consumer's inbox) is found, paid and
// reported. The test puts the data in that state itself, then runs the scheduled function as
// Cloud Scheduler does (the local scheduler may run it first; either way the end state is one).

const database = platformDatabase();
const pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
afterAll(async () => {
  await database.close();
  await pubsub.close();
});

function pull<T>(method: string, reqOpts: object): Promise<T | null | undefined> {
  return new Promise((resolve, reject) => {
    pubsub.request<T>({ client: "SubscriberClient", method, reqOpts }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

interface Pulled {
  receivedMessages?: Array<{ ackId?: string | null; message?: { data?: string | Uint8Array | null } | null }> | null;
}

describe("reconciliation", () => {
  it("pays the reward of a completed claim whose delivery was lost, and reports the break", { timeout: 120_000 }, async () => {
    const [tap] = await pubsub.topic(operationalEventsTopic).createSubscription(uniqueName("e2e-ops"));
    const log = functionLog();
    const { opportunity } = await publishedOpportunity();
    const participant = await signUpUser("participant");
    const asParticipant = apiClient(participant.idToken);
    const claim = await asParticipant.post("/v1/claims", { opportunityId: opportunity.id });
    expect((await asParticipant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(201);
    const { db } = database;
    const rewards = db.collection<{ _id: string; claimId: string; status: string; userId: string }>("rewards");
    const paid = await eventually(async () => (await rewards.findOne({ claimId: claim.body.id, status: "issued" })) ?? undefined, 30_000);
    const completion = await db.collection<{ _id: string }>("events").findOne({ type: "claim.completed.v1", "data.claimId": claim.body.id });
    expect(completion).not.toBeNull();

    const inbox = db.collection<{ _id: string }>("inbox");
    await eventually(async () => (await inbox.findOne({ _id: `issueRewards:${completion!._id}` })) ?? undefined, 30_000);

    // The delivery is lost: no reward, no credit, the consumer never saw the event; and it all
    // happened long enough ago for reconciliation to judge it.
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await rewards.deleteOne({ _id: paid._id });
    await db.collection<{ _id: string }>("points_ledger").deleteOne({ _id: paid._id });
    expect((await inbox.deleteOne({ _id: `issueRewards:${completion!._id}` })).deletedCount).toBe(1);
    await db.collection<{ _id: string }>("events").updateOne({ _id: completion!._id }, { $set: { occurredAt: longAgo } });
    await db.collection<{ _id: string }>("claims").updateOne({ _id: claim.body.id }, { $set: { completedAt: longAgo } });
    expect((await asParticipant.get("/v1/rewards/points")).body).toMatchObject({ points: 0 });

    // As Cloud Scheduler would, again every 10 s until the repair shows: a run whose checks could
    // not reach the database (logged as reconcile.check_failed) is followed by another.
    let lastRun = 0;
    const repaired = await eventually(async () => {
      if (Date.now() - lastRun > 10_000) {
        lastRun = Date.now();
        const run = await fetch(`${platformEnv("USERX_FUNCTIONS_URL")}/reconcile-0`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        expect(run.status).toBe(200);
      }
      return (await rewards.findOne({ claimId: claim.body.id, status: "issued" })) ?? undefined;
    }, 60_000);
    expect(repaired.userId).toBe(paid.userId);
    expect((await asParticipant.get("/v1/rewards/points")).body).toMatchObject({ points: 50 });
    const reported = await eventually(async () => {
      const entries = await log.entries();
      return entries.find((entry) => entry.message === "reconcile.event_handled" && entry.subject === completion!._id && entry.consumer === "issueRewards");
    }, 30_000).catch(async (error: Error) => {
      const seen = (await log.entries()).filter((entry) => entry.message.startsWith("reconcile."));
      throw new Error(`${error.message}: no break reported for ${completion!._id}; reconciliation logged ${JSON.stringify(seen)}`);
    });
    expect(reported).toMatchObject({ repaired: true });
    const breakEvents: Array<{ type: string; data: { invariant: string; subject: string } }> = [];
    await eventually(async () => {
      const pulled = (await pull<Pulled>("pull", { subscription: tap.name, maxMessages: 100, returnImmediately: true }))?.receivedMessages ?? [];
      if (pulled.length > 0) await pull("acknowledge", { subscription: tap.name, ackIds: pulled.map((received) => received.ackId) });
      for (const { message } of pulled) breakEvents.push(JSON.parse(Buffer.from(message?.data ?? "").toString("utf8")));
      return breakEvents.find((event) => event.data.subject === completion!._id) ? true : undefined;
    }, 30_000);
    expect(breakEvents.find((event) => event.data.subject === completion!._id)).toMatchObject({ type: "reconciliation.break.v1", data: { invariant: "event_handled" } });
    await tap.delete();
  });
});
