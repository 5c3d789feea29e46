import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpTarget } from "../integration/support/http-target.js";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, surveyOpportunity, validAnswers } from "./support/scenario.js";

// The first flow end to end, through Hosting rewrites, the functions, MongoDB, the outbox,
// Pub/Sub, Cloud Tasks and a real webhook receiver.

const database = platformDatabase();
let receiver: Awaited<ReturnType<typeof startHttpTarget>>;

beforeAll(async () => {
  receiver = await startHttpTarget();
});

afterAll(async () => {
  await receiver.close();
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

    const deliveries = await eventually(() => (receiver.received.length >= 2 ? receiver.received : undefined), 30_000);
    const verifier = new Webhook(endpoint.body.secret);
    const events = deliveries.map((delivery) => {
      const headers = {
        "webhook-id": String(delivery.headers["webhook-id"]),
        "webhook-timestamp": String(delivery.headers["webhook-timestamp"]),
        "webhook-signature": String(delivery.headers["webhook-signature"]),
      };
      expect(headers["webhook-id"]).toMatch(/^msg_/);
      return verifier.verify(delivery.body, headers) as { type: string; data: { claimId: string } };
    });
    expect(events.map((e) => e.type).sort()).toEqual(["claim.completed.v1", "reward.issued.v1"]);
    expect(events.every((e) => e.data.claimId === claim.body.id)).toBe(true);

    const { db } = database;
    expect(await db.collection("rewards").countDocuments({ claimId: claim.body.id })).toBe(1);
    expect(await db.collection("points_ledger").countDocuments({ rewardId: rewards[0].id })).toBe(1);
    const storedClaim = await db.collection("claims").findOne({ _id: claim.body.id });
    expect(storedClaim?.outbox ?? []).toEqual([]);
  });

  it("keeps another participant's claim out of sight", async () => {
    const { opportunity } = await publishedOpportunity();
    const alice = apiClient((await signUpUser("alice")).idToken);
    const bob = apiClient((await signUpUser("bob")).idToken);
    const claim = await alice.post("/v1/claims", { opportunityId: opportunity.id });
    expect((await bob.get(`/v1/claims/${claim.body.id}`)).status).toBe(404);
    expect((await bob.get("/v1/claims")).body.data).toEqual([]);
    expect((await bob.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(404);
  });

  it("keeps one organization out of another's drafts", async () => {
    const first = await publishedOpportunity();
    const stranger = apiClient((await signUpUser("stranger")).idToken);
    const otherOrg = await stranger.post("/v1/organizations", { name: "Other" });
    expect((await stranger.get(`/v1/opportunities?orgId=${first.orgId}`)).status).toBe(404);
    expect((await stranger.post(`/v1/opportunities/${first.opportunity.id}/publish`)).status).toBe(404);
    expect((await stranger.post("/v1/opportunities", surveyOpportunity(first.orgId))).status).toBe(404);
    expect(otherOrg.status).toBe(201);
  });
});
