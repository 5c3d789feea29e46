import { execFileSync } from "node:child_process";
import { PubSub } from "@google-cloud/pubsub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpTarget } from "../integration/support/http-target.js";
import { eventually, platformEnv } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// Delivery guarantees of the event pipeline: duplicates change nothing, and events written while
// Pub/Sub is unreachable are all delivered once it is back.

const database = platformDatabase();
const pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
let receiver: Awaited<ReturnType<typeof startHttpTarget>>;

beforeAll(async () => {
  receiver = await startHttpTarget();
});

afterAll(async () => {
  await receiver.close();
  await pubsub.close();
  await database.close();
});

async function completedClaim(asOwner: ReturnType<typeof apiClient>, opportunityId: string) {
  const participant = apiClient((await signUpUser("participant")).idToken);
  const claim = await participant.post("/v1/claims", { opportunityId });
  expect(claim.status).toBe(201);
  const submission = await participant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers);
  expect(submission.body.status).toBe("approved");
  return { claimId: claim.body.id as string, participant, asOwner };
}

const webhookIdsFor = (eventType: string, claimId: string) =>
  new Set(
    receiver.received
      .filter((r) => {
        const body = JSON.parse(r.body) as { type: string; data: { claimId?: string } };
        return body.type === eventType && body.data.claimId === claimId;
      })
      .map((r) => String(r.headers["webhook-id"])),
  );

describe("event delivery", () => {
  it("the same claim.completed message delivered three times gives one reward and one webhook message", async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity();
    await asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, { url: `${receiver.url}/dup`, eventTypes: ["claim.completed.v1"] });
    const { claimId, participant } = await completedClaim(asOwner, opportunity.id);
    await eventually(() => (webhookIdsFor("claim.completed.v1", claimId).size === 1 ? true : undefined), 30_000);
    await eventually(async () => ((await participant.get("/v1/rewards/points")).body.points === 50 ? true : undefined));

    const { db } = database;
    const event = await db.collection("events").findOne({ type: "claim.completed.v1", "data.claimId": claimId });
    expect(event).not.toBeNull();
    const { _id, ...rest } = event!;
    const topic = pubsub.topic("domain-events");
    for (let i = 0; i < 2; i++) {
      await topic.publishMessage({ json: { id: _id, ...rest }, attributes: { type: "claim.completed.v1", eventId: String(_id) } });
    }
    // Wait until the redeliveries were handled: both subscribers log each one, so give them time, then assert nothing doubled.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await db.collection("rewards").countDocuments({ claimId })).toBe(1);
    expect((await participant.get("/v1/rewards/points")).body.points).toBe(50);
    expect(await db.collection("webhook_messages").countDocuments({ eventId: _id })).toBe(1);
    expect(webhookIdsFor("claim.completed.v1", claimId).size).toBe(1);
    expect(receiver.received.filter((r) => webhookIdsFor("claim.completed.v1", claimId).has(String(r.headers["webhook-id"])))).toHaveLength(1);
  });

  it("delivers every event written while Pub/Sub was stopped once it is back", async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity();
    await asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, { url: `${receiver.url}/outage`, eventTypes: ["claim.completed.v1", "reward.issued.v1"] });
    const pid = pubsubPid();
    process.kill(pid, "SIGSTOP");
    let claimIds: string[];
    try {
      claimIds = [];
      for (let i = 0; i < 3; i++) claimIds.push((await completedClaim(asOwner, opportunity.id)).claimId);
      const { db } = database;
      // While Pub/Sub is down the events wait in the claims' outboxes.
      const waiting = await db.collection<{ _id: string }>("claims").countDocuments({ _id: { $in: claimIds }, "outbox.type": "claim.completed.v1" });
      expect(waiting).toBe(3);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    for (const claimId of claimIds) {
      for (const type of ["claim.completed.v1", "reward.issued.v1"]) {
        await eventually(() => (webhookIdsFor(type, claimId).size > 0 ? true : undefined), 60_000);
        expect(webhookIdsFor(type, claimId).size).toBe(1);
      }
    }
    expect(await database.db.collection("rewards").countDocuments({ claimId: { $in: claimIds } })).toBe(3);
  });
});

function pubsubPid(): number {
  const pids = execFileSync("pgrep", ["-f", "userx-pubsub"], { encoding: "utf8" }).trim().split("\n").map(Number);
  if (pids.length !== 1 || !pids[0]) throw new Error(`expected one userx-pubsub process, found ${pids.join(", ")}`);
  return pids[0];
}
