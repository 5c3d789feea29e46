import { PubSub } from "@google-cloud/pubsub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainEventsTopic } from "../../src/adapters/pubsub/topics.js";
import { eventually, platformEnv } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { watchEventPipeline, type EventPipeline } from "./support/event-pipeline.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, validAnswers } from "./support/scenario.js";

// Cash payouts through the real local platform and the payouts sandbox (tools/payouts-sandbox.mjs,
// Tremendous' API shape): the sandbox is told to misbehave per recipient, and each test then
// counts the orders it holds for the reward, the payout's states and the events written.

const database = platformDatabase();
const pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
const sandbox = platformEnv("PAYOUTS_SANDBOX_URL");
const cash = { type: "cash", value: 1250, currency: "EUR" };
// Backoff of the payout-sending queue (2 s, 4 s …), a 2 s timeout per request, the webhook and cold starts of three functions.
const payoutWithin = 90_000;
let pipeline: EventPipeline;

beforeAll(async () => {
  pipeline = await watchEventPipeline(database.db);
});

afterAll(async () => {
  await pipeline.close();
  await pubsub.close();
  await database.close();
});

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox}${path}`, { method, headers: { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as Record<string, any>;
}

/** A participant with payout details, their recipient address unique to the test, and the sandbox told how to treat it. */
async function payee(label: string, fault?: Record<string, unknown>) {
  const { idToken, email } = await signUpUser(label);
  const client = apiClient(idToken);
  if (fault) await control("POST", "/_control/faults", { match: { recipientEmail: email }, ...fault });
  const saved = await client.patch("/v1/me/payout-details", { name: "Alice Martin", email });
  expect(saved).toMatchObject({ status: 200, body: { name: "Alice Martin", email } });
  return { client, email };
}

async function completeClaim(client: ReturnType<typeof apiClient>, opportunityId: string) {
  const claim = await client.post("/v1/claims", { opportunityId });
  expect(claim.status, JSON.stringify(claim.body)).toBe(201);
  const submission = await client.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers);
  expect(submission.body.status).toBe("approved");
  return claim.body.id as string;
}

/** The participant's only payout, once it has reached `status`. */
async function payoutWhen(client: ReturnType<typeof apiClient>, status: string) {
  return eventually(async () => {
    const { body } = await client.get("/v1/me/payouts");
    const [payout] = body.data ?? [];
    return payout?.status === status ? payout : undefined;
  }, payoutWithin);
}

const ordersFor = (rewardId: string) => control("GET", `/_control/orders?external_id=${rewardId}`);
const storedEvents = (type: string, field: string, value: string) => database.db.collection("events").countDocuments({ type, [`data.${field}`]: value });

describe("cash payouts", () => {
  it("a provider that fails twice and then succeeds pays once, and the reward is issued once", { timeout: 120_000 }, async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity({ reward: cash });
    const { client } = await payee("fails-twice", { failNext: { count: 2, status: 503 } });
    await completeClaim(client, opportunity.id);

    const payout = await payoutWhen(client, "paid");
    expect(payout).toMatchObject({ amount: 1250, currency: "EUR", waitingForDetails: false, failureReason: null });
    const { orders, createRequests } = await ordersFor(payout.rewardId);
    expect(orders).toHaveLength(1);
    expect(orders[0].rewards[0]).toMatchObject({ value: { denomination: 12.5, currency_code: "EUR" }, delivery: { status: "SUCCEEDED" } });
    expect(createRequests[payout.rewardId]).toBe(3);

    // The payout is saved paid first, then its reward issued: a separate write a moment later.
    const rewards = await eventually(async () => {
      const listed = await client.get("/v1/rewards");
      return listed.body.data[0]?.status === "issued" ? listed : undefined;
    });
    expect(rewards.body.data).toMatchObject([{ id: payout.rewardId, type: "cash", value: 1250, currency: "EUR", status: "issued" }]);
    await eventually(async () => ((await storedEvents("reward.issued.v1", "rewardId", payout.rewardId)) === 1 ? true : undefined));
    expect(await storedEvents("payout.paid.v1", "payoutId", payout.id)).toBe(1);

    const listed = await asOwner.get(`/v1/organizations/${orgId}/payouts?status=paid`);
    expect(listed).toMatchObject({ status: 200, body: { data: [{ id: payout.id, status: "paid" }], nextCursor: null } });
    expect((await asOwner.get(`/v1/organizations/${orgId}/payouts?status=failed`)).body.data).toEqual([]);
  });

  it("a provider that times out after accepting is answered with the same order: it does not pay twice", { timeout: 120_000 }, async () => {
    const { opportunity } = await publishedOpportunity({ reward: cash });
    // The functions give up on a request after 2 s (PAYOUTS_TIMEOUT_MS); the sandbox answers after
    // 5, and holds the delivery, so its webhook cannot settle the payout before the retry is made.
    const { client } = await payee("hangs", { acceptThenHang: { count: 1, ms: 5_000 }, delivery: "HOLD" });
    await completeClaim(client, opportunity.id);
    const rewardId = await eventually(async () => (await rewardIdsOf(client))[0], payoutWithin);

    const retried = await eventually(async () => {
      const seen = await ordersFor(rewardId);
      return seen.createRequests[rewardId] >= 2 ? seen : undefined;
    }, payoutWithin);
    expect(retried.orders).toHaveLength(1);
    // The retry was answered with the first order, and the payout knows it.
    await eventually(async () => (await database.db.collection("payouts").findOne({ rewardId, status: "processing", providerOrderId: retried.orders[0].id })) ?? undefined, payoutWithin);

    await control("POST", "/_control/deliver", { externalId: rewardId, status: "SUCCEEDED" });
    const payout = await payoutWhen(client, "paid");
    expect((await ordersFor(rewardId)).orders).toHaveLength(1);
    await eventually(async () => ((await storedEvents("payout.paid.v1", "payoutId", payout.id)) === 1 ? true : undefined));
  });

  it("the same claim.completed.v1 delivered three times gives one payout", { timeout: 120_000 }, async () => {
    const { opportunity } = await publishedOpportunity({ reward: cash });
    const { client } = await payee("duplicates");
    const claimId = await completeClaim(client, opportunity.id);
    const stored = await eventually(async () => (await database.db.collection<{ _id: string }>("events").findOne({ type: "claim.completed.v1", "data.claimId": claimId })) ?? undefined);
    const { _id: eventId, ...rest } = stored;
    await pipeline.settle([eventId]);
    const topic = pubsub.topic(domainEventsTopic);
    for (let i = 0; i < 2; i++) await topic.publishMessage({ json: { id: eventId, ...rest }, attributes: { type: "claim.completed.v1", eventId } });
    await pipeline.settle([eventId]);
    expect(pipeline.copiesOf(eventId)).toBeGreaterThanOrEqual(3);

    const payout = await payoutWhen(client, "paid");
    expect(await database.db.collection("payouts").countDocuments({ claimId })).toBe(1);
    expect((await ordersFor(payout.rewardId)).orders).toHaveLength(1);
    expect(await storedEvents("payout.paid.v1", "payoutId", payout.id)).toBe(1);
  });

  it("waits for payout details, pending, and is paid once the participant gives them", { timeout: 120_000 }, async () => {
    const { opportunity } = await publishedOpportunity({ reward: cash });
    const { idToken, email } = await signUpUser("no-details");
    const client = apiClient(idToken);
    await completeClaim(client, opportunity.id);

    const waiting = await eventually(async () => (await client.get("/v1/me/payouts")).body.data?.[0], payoutWithin);
    expect(waiting).toMatchObject({ status: "pending", waitingForDetails: true });
    expect((await client.get("/v1/me/payout-details")).body).toMatchObject({ name: null, email: null });

    expect((await client.patch("/v1/me/payout-details", { name: "Late Giver", email })).status).toBe(200);
    const paid = await payoutWhen(client, "paid");
    expect(paid.id).toBe(waiting.id);
    expect((await ordersFor(paid.rewardId)).orders[0].rewards[0].recipient).toEqual({ name: "Late Giver", email });
  });

  it("a webhook with a bad signature is refused and changes nothing; the signed one pays", { timeout: 120_000 }, async () => {
    const { opportunity } = await publishedOpportunity({ reward: cash });
    // The sandbox holds the delivery until told, so only the notifications below can settle it.
    const { client } = await payee("forged", { delivery: "HOLD" });
    await completeClaim(client, opportunity.id);
    const payout = await eventually(async () => {
      const stored = await database.db.collection("payouts").findOne({ userId: { $exists: true }, status: "processing", providerOrderId: { $ne: null }, rewardId: { $in: await rewardIdsOf(client) } });
      return stored ?? undefined;
    }, payoutWithin);
    const rewardId = String(payout["rewardId"]);
    const [order] = (await ordersFor(rewardId)).orders;
    const body = JSON.stringify({ event: "REWARDS.DELIVERY.SUCCEEDED", uuid: "forged-1", created_utc: new Date().toISOString(), payload: { resource: { id: order.rewards[0].id, type: "rewards" }, meta: {} } });
    const before = await database.db.collection("payouts").findOne({ _id: payout._id });

    for (const signature of [`sha256=${"0".repeat(64)}`, "sha256=not-hex", ""]) {
      const answer = await apiClient().raw("POST", "/v1/payout-provider/events", { raw: body, headers: { "content-type": "application/json", "tremendous-webhook-signature": signature } });
      expect(answer).toMatchObject({ status: 401, body: { code: "unauthenticated" } });
    }
    expect(await database.db.collection("payouts").findOne({ _id: payout._id })).toEqual(before);
    expect(await storedEvents("payout.paid.v1", "rewardId", rewardId)).toBe(0);

    await control("POST", "/_control/deliver", { externalId: rewardId, status: "SUCCEEDED" });
    expect((await payoutWhen(client, "paid")).rewardId).toBe(rewardId);
  });

  it("a recipient the provider cannot deliver to fails the payout and the reward", { timeout: 120_000 }, async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity({ reward: cash });
    const { idToken } = await signUpUser("undeliverable");
    const client = apiClient(idToken);
    expect((await client.patch("/v1/me/payout-details", { name: "Nobody", email: `nobody+fail@test.user-x.dev` })).status).toBe(200);
    await completeClaim(client, opportunity.id);

    const payout = await payoutWhen(client, "failed");
    expect(payout).toMatchObject({ failureReason: "delivery_failed" });
    expect((await client.get("/v1/rewards")).body.data).toMatchObject([{ status: "failed", failureReason: "payout_failed" }]);
    await eventually(async () => ((await storedEvents("reward.failed.v1", "rewardId", payout.rewardId)) === 1 ? true : undefined));
    expect(await storedEvents("payout.failed.v1", "payoutId", payout.id)).toBe(1);
    expect((await asOwner.get(`/v1/organizations/${orgId}/payouts?status=failed&limit=1`)).body.data).toMatchObject([{ id: payout.id }]);
  });
});

async function rewardIdsOf(client: ReturnType<typeof apiClient>): Promise<string[]> {
  return ((await client.get("/v1/rewards")).body.data ?? []).map((reward: { id: string }) => reward.id);
}
