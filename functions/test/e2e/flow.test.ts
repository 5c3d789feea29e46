import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpTarget } from "../integration/support/http-target.js";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { watchEventPipeline, type EventPipeline } from "./support/event-pipeline.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, surveyOpportunity, validAnswers } from "./support/scenario.js";

// The first flow end to end, through Hosting rewrites, the functions, MongoDB, the outbox,
// Pub/Sub, Cloud Tasks and a real webhook receiver.

const database = platformDatabase();
let receiver: Awaited<ReturnType<typeof startHttpTarget>>;
let pipeline: EventPipeline;

beforeAll(async () => {
  receiver = await startHttpTarget();
  pipeline = await watchEventPipeline(database.db);
});

afterAll(async () => {
  await receiver.close();
  await pipeline.close();
  await database.close();
});

describe("an opportunity from creation to a signed webhook", () => {
  it("completes a claim, issues the points once and delivers verifiable webhooks", async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity();
    const endpoint = await asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, {
      url: `${receiver.url}/hooks`,
      eventTypes: ["claim.completed.v1", "reward.issued.v1"],
    });
    expect(endpoint.status).toBe(201);
    expect(endpoint.body.secret).toMatch(/^whsec_/);

    const participant = await signUpUser("participant");
    const asParticipant = apiClient(participant.idToken);
    const listed = await asParticipant.get("/v1/opportunities?limit=100");
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((o: { id: string }) => o.id)).toContain(opportunity.id);

    const claim = await asParticipant.post("/v1/claims", { opportunityId: opportunity.id });
    expect(claim.status).toBe(201);
    expect(claim.body).toMatchObject({ status: "active", progress: { completedTasks: 0, totalTasks: 1 } });

    const submission = await asParticipant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers);
    expect(submission.status).toBe(201);
    expect(submission.body.status).toBe("approved");

    const completed = await asParticipant.get(`/v1/claims/${claim.body.id}`);
    expect(completed.body).toMatchObject({ status: "completed", progress: { completedTasks: 1, totalTasks: 1 } });

    // The reward is written pending, then credited and marked issued: wait for the end state.
    const rewards = await eventually(async () => {
      const response = await asParticipant.get("/v1/rewards");
      return response.body.data.some((r: { status: string }) => r.status === "issued") ? response.body.data : undefined;
    });
    expect(rewards).toHaveLength(1);
    expect(rewards[0]).toMatchObject({ claimId: claim.body.id, type: "points", value: 50, status: "issued" });
    expect((await asParticipant.get("/v1/rewards/points")).body.points).toBe(50);

    // Both events went all the way through: every copy handled by its subscribers, and the
    // delivery task of each webhook message done, so the receiver has all it will ever get.
    const { db } = database;
    const events = db.collection<{ _id: string }>("events");
    const eventIds = await eventually(async () => {
      const stored = await events.find({ "data.claimId": claim.body.id, type: { $in: ["claim.completed.v1", "reward.issued.v1"] } }).toArray();
      return stored.length === 2 ? stored.map((e) => e._id) : undefined;
    });
    await pipeline.settle(eventIds);

    const verifier = new Webhook(endpoint.body.secret);
    const delivered = receiver.received.map((delivery) => {
      const headers = {
        "webhook-id": String(delivery.headers["webhook-id"]),
        "webhook-timestamp": String(delivery.headers["webhook-timestamp"]),
        "webhook-signature": String(delivery.headers["webhook-signature"]),
      };
      expect(headers["webhook-id"]).toMatch(/^msg_/);
      return { webhookId: headers["webhook-id"], event: verifier.verify(delivery.body, headers) as { type: string; data: { claimId: string } } };
    });
    expect(delivered.map((d) => [d.event.type, d.event.data.claimId]).sort()).toEqual([
      ["claim.completed.v1", claim.body.id],
      ["reward.issued.v1", claim.body.id],
    ]);
    expect(new Set(delivered.map((d) => d.webhookId)).size).toBe(2);

    expect(await db.collection("rewards").countDocuments({ claimId: claim.body.id })).toBe(1);
    expect((await asParticipant.get("/v1/rewards/points")).body.points).toBe(50);
    expect(await db.collection("points_ledger").countDocuments({ rewardId: rewards[0].id })).toBe(1);
    expect(await db.collection("webhook_messages").find({ eventId: { $in: eventIds } }).toArray()).toMatchObject([{ status: "delivered" }, { status: "delivered" }]);
    const storedClaim = await db.collection<{ _id: string }>("claims").findOne({ _id: claim.body.id });
    expect(storedClaim).toMatchObject({ status: "completed", outbox: [] });
  });

  it("keeps another participant's claim out of sight", async () => {
    const { opportunity } = await publishedOpportunity();
    const alice = apiClient((await signUpUser("alice")).idToken);
    const bob = apiClient((await signUpUser("bob")).idToken);
    const claim = await alice.post("/v1/claims", { opportunityId: opportunity.id });
    expect(claim.status).toBe(201);
    // The claim is there to be seen, by its owner.
    expect((await alice.get(`/v1/claims/${claim.body.id}`)).status).toBe(200);
    expect((await alice.get("/v1/claims")).body.data.map((c: { id: string }) => c.id)).toContain(claim.body.id);

    expect((await bob.get(`/v1/claims/${claim.body.id}`)).status).toBe(404);
    expect((await bob.get("/v1/claims")).body.data).toEqual([]);
    expect((await bob.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(404);
    expect(await database.db.collection("submissions").countDocuments({ claimId: claim.body.id })).toBe(0);
  });

  it("keeps one organization out of another's drafts", async () => {
    const first = await publishedOpportunity();
    const draft = await first.asOwner.post("/v1/opportunities", surveyOpportunity(first.orgId, { title: "Not yet" }));
    expect(draft.body).toMatchObject({ status: "draft" });
    expect((await first.asOwner.get(`/v1/opportunities/${draft.body.id}`)).status).toBe(200);

    const stranger = apiClient((await signUpUser("stranger")).idToken);
    const otherOrg = await stranger.post("/v1/organizations", { name: "Other" });
    expect(otherOrg.status).toBe(201);
    expect((await stranger.get(`/v1/opportunities/${draft.body.id}`)).status).toBe(404);
    expect((await stranger.get(`/v1/opportunities?orgId=${first.orgId}`)).status).toBe(404);
    expect((await stranger.post(`/v1/opportunities/${draft.body.id}/publish`)).status).toBe(404);
    expect((await stranger.post(`/v1/opportunities/${first.opportunity.id}/publish`)).status).toBe(404);
    expect((await stranger.post("/v1/opportunities", surveyOpportunity(first.orgId, { title: "Planted" }))).status).toBe(404);

    // Nothing the stranger tried changed the organization's opportunities.
    expect((await first.asOwner.get(`/v1/opportunities/${draft.body.id}`)).body).toMatchObject({ status: "draft" });
    const titles = (await first.asOwner.get(`/v1/opportunities?orgId=${first.orgId}&limit=100`)).body.data.map((o: { title: string }) => o.title);
    expect(titles.sort()).toEqual([surveyOpportunity(first.orgId).title, "Not yet"].sort());
  });
});
