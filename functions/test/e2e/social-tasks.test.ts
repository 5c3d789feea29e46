import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity } from "./support/scenario.js";

// Social tasks through Hosting against the real local servers: a post's proof is checked at once
// (its URL against the platform, its text for the tags), a follow no check can confirm waits for a
// reviewer, and the claim completes on its required task alone.

const database = platformDatabase();
afterAll(() => database.close());

const post = { id: "post", type: "social", title: "Post about us", platform: "instagram", action: "post", target: "@acme", proof: { url: true, mustInclude: ["#AcmeCoffee"] } };
const follow = { id: "follow", type: "social", title: "Follow us", platform: "instagram", action: "follow", target: "@acme", proof: { url: false }, required: false };

describe("social tasks", () => {
  it("checks a post's proof, rejects one off the platform, and completes the claim without the optional follow", { timeout: 90_000 }, async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity({ tasks: [follow, post], maxAttempts: 2 });
    expect(opportunity.tasks).toMatchObject([{ id: "follow", required: false }, { id: "post", required: true, proof: { url: true, mustInclude: ["#AcmeCoffee"] } }]);
    const participant = apiClient((await signUpUser("social")).idToken);
    const claim = await participant.post("/v1/claims", { opportunityId: opportunity.id });
    expect(claim.status).toBe(201);
    const submit = (body: unknown) => participant.post(`/v1/claims/${claim.body.id}/submissions`, body);

    const followed = await submit({ taskId: "follow", proof: {} });
    expect(followed.body).toMatchObject({ status: "needs_review", verification: { checks: [{ name: "action_done", passed: false, conclusive: false }] } });

    const offPlatform = await submit({ taskId: "post", proof: { url: "https://instagram.com.example.net/p/1", text: "#acmecoffee" } });
    expect(offPlatform.body).toMatchObject({ status: "rejected", attempt: 1, review: { reasonCode: "failed_checks", decidedBy: "checks" } });
    const noTag = await submit({ taskId: "post", proof: { url: "https://www.instagram.com/p/C1/" } });
    expect(noTag.status).toBe(400);
    expect(noTag.body).toMatchObject({ code: "validation_failed", errors: [{ location: "body.proof.text" }] });
    const both = await submit({ taskId: "post", answers: {}, proof: { url: "https://www.instagram.com/p/C1/" } });
    expect(both.body).toMatchObject({ status: 400, code: "validation_failed" });

    const posted = await submit({ taskId: "post", proof: { url: "https://www.instagram.com/p/C1/", text: "Morning ritual #acmecoffee" } });
    expect(posted.body).toMatchObject({ status: "approved", attempt: 2 });
    expect((await participant.get(`/v1/claims/${claim.body.id}`)).body).toMatchObject({ status: "completed", progress: { completedTaskIds: ["post"] } });
    await eventually(async () => ((await participant.get("/v1/rewards/points")).body.points === 50 ? true : undefined), 60_000);

    // The follow waits in the organization's queue with its proof; approving it counts it, and nothing is paid twice.
    const queue = await asOwner.get(`/v1/submissions?orgId=${orgId}&opportunityId=${opportunity.id}`);
    expect(queue.body.data).toMatchObject([{ id: followed.body.id, proof: {}, taskId: "follow" }]);
    expect((await asOwner.post(`/v1/submissions/${followed.body.id}/approve`, {})).status).toBe(200);
    expect((await participant.get(`/v1/claims/${claim.body.id}`)).body).toMatchObject({ status: "completed", progress: { completedTaskIds: ["post", "follow"] } });
    expect(await database.db.collection("events").countDocuments({ type: "claim.completed.v1", "data.claimId": claim.body.id })).toBe(1);
    expect(await database.db.collection("rewards").countDocuments({ claimId: claim.body.id })).toBe(1);
  });

  it("refuses a social task that names no valid target, changing nothing", async () => {
    const { asOwner, orgId } = await publishedOpportunity();
    const before = await database.db.collection("opportunities").countDocuments({ orgId });
    const created = await asOwner.post("/v1/opportunities", {
      orgId,
      title: "Bad target",
      tasks: [{ ...post, target: "acme" }],
      reward: { type: "points", value: 5 },
      capacity: 5,
    });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ code: "validation_failed" });
    expect(await database.db.collection("opportunities").countDocuments({ orgId })).toBe(before);
  });
});
