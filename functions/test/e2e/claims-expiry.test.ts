import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpTarget } from "../integration/support/http-target.js";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { watchEventPipeline, type EventPipeline } from "./support/event-pipeline.js";
import { platformDatabase } from "./support/mongo.js";
import { surveyOpportunity, validAnswers } from "./support/scenario.js";

// A claim whose time runs out expires through the real Cloud Tasks emulator, as a client sees it
// through Hosting. A few seconds allowed is a real product setting: a claim's deadline never
// passes its opportunity's expiresAt, and a live opportunity's expiresAt can then move later, so
// the claim's short deadline stays while the opportunity stays open for the place it gives back.

const database = platformDatabase();
let receiver: Awaited<ReturnType<typeof startHttpTarget>>;
let pipeline: EventPipeline;
let asOwner: ReturnType<typeof apiClient>;
let orgId: string;

beforeAll(async () => {
  receiver = await startHttpTarget();
  pipeline = await watchEventPipeline(database.db);
  asOwner = apiClient((await signUpUser("expiry-owner")).idToken);
  const org = await asOwner.post("/v1/organizations", { name: "Deadline Research Ltd" });
  expect(org.status).toBe(201);
  orgId = org.body.id;
});

afterAll(async () => {
  await receiver.close();
  await pipeline.close();
  await database.close();
});

const stored = (collection: string, id: string) => database.db.collection<{ _id: string; claimsCount?: number; status?: string }>(collection).findOne({ _id: id });
const placesTaken = async (opportunityId: string) => (await stored("opportunities", opportunityId))?.claimsCount;
const expiryTasksOf = async (claimId: string) => (await pipeline.tasks("claim.expire.v1")).filter((task) => task.payload.kind === "claim.expire.v1" && task.payload.claimId === claimId);

/** Participants signed up, and the functions they call warmed, before the clock starts. */
async function participants(...labels: string[]) {
  const clients = await Promise.all(labels.map(async (label) => apiClient((await signUpUser(label)).idToken)));
  for (const client of clients) expect((await client.get("/v1/claims")).status).toBe(200);
  return clients;
}

/**
 * A published opportunity of `capacity` places expiring `seconds` from now, claimed at once by
 * `holder`, whose claim's deadline is therefore that expiry; then the opportunity's expiresAt
 * moves an hour later, so it stays open past the claim's deadline.
 */
async function claimWithSecondsLeft(holder: ReturnType<typeof apiClient>, { seconds, capacity }: { seconds: number; capacity: number }) {
  const expiresAt = new Date(Date.now() + seconds * 1_000).toISOString();
  const draft = await asOwner.post("/v1/opportunities", surveyOpportunity(orgId, { capacity, expiresAt }));
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const opportunityId = draft.body.id as string;
  expect((await asOwner.post(`/v1/opportunities/${opportunityId}/publish`)).status).toBe(200);
  const claim = await holder.post("/v1/claims", { opportunityId });
  expect(claim.status, JSON.stringify(claim.body)).toBe(201);
  expect(claim.body).toMatchObject({ status: "active", deadline: expiresAt, expiredAt: null });
  const later = await asOwner.raw("PATCH", `/v1/opportunities/${opportunityId}`, { body: { expiresAt: new Date(Date.now() + 3_600_000).toISOString() } });
  expect(later.status, JSON.stringify(later.body)).toBe(200);
  return { opportunityId, claimId: claim.body.id as string, deadline: expiresAt };
}

describe("a claim past its deadline", () => {
  it("expires through Cloud Tasks: its place is claimable again, claim.expired.v1 reaches a webhook and work after it answers 409", async () => {
    const endpoint = await asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, { url: `${receiver.url}/expiry`, eventTypes: ["claim.expired.v1"] });
    expect(endpoint.status).toBe(201);
    const [holder, latecomer] = await participants("expiry-holder", "expiry-latecomer");
    const { opportunityId, claimId, deadline } = await claimWithSecondsLeft(holder!, { seconds: 15, capacity: 1 });
    // Scheduled by the completeOpportunities subscriber's delivery of claim.created.v1.
    expect(await eventually(async () => ((await expiryTasksOf(claimId)).length > 0 ? expiryTasksOf(claimId) : undefined))).toMatchObject([{ payload: { claimId, checkAt: deadline } }]);
    expect((await latecomer!.post("/v1/claims", { opportunityId })).body).toMatchObject({ code: "capacity_exhausted" });

    const expired = await eventually(async () => {
      const current = await holder!.get(`/v1/claims/${claimId}`);
      return current.body.status === "expired" ? current.body : undefined;
    }, 60_000);

    expect(new Date(expired.expiredAt).getTime()).toBeGreaterThanOrEqual(new Date(deadline).getTime());
    console.log(`claim expiry: ${new Date(expired.expiredAt).getTime() - new Date(deadline).getTime()} ms after its deadline`);
    // The place goes back in its own write right after the claim's, which a read may land between.
    await eventually(async () => ((await placesTaken(opportunityId)) === 0 ? true : undefined));
    const refused = await holder!.post(`/v1/claims/${claimId}/submissions`, validAnswers);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body).toMatchObject({ code: "invalid_state", currentStatus: "expired" });
    const taken = await latecomer!.post("/v1/claims", { opportunityId });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    expect(await placesTaken(opportunityId)).toBe(1);

    const delivered = await eventually(() => {
      const bodies = receiver.received.filter((request) => request.path === "/expiry").map((request) => JSON.parse(request.body) as { type: string; data: Record<string, unknown> });
      return bodies.length > 0 ? bodies : undefined;
    });
    expect(delivered).toMatchObject([{ type: "claim.expired.v1", data: { claimId, opportunityId, deadline, expiredAt: expired.expiredAt } }]);
    const events = await database.db.collection("events").find({ type: "claim.expired.v1", "data.claimId": claimId }).toArray();
    expect(events).toHaveLength(1);
    await pipeline.settle(events.map((event) => String(event._id)));
    // Every copy handled, every delivery done: the place went back once, the webhook came once.
    expect(await placesTaken(opportunityId)).toBe(1);
    expect(receiver.received.filter((request) => request.path === "/expiry")).toHaveLength(1);
  }, 90_000);

  it("is left alone once completed: its task runs at the deadline and changes nothing", async () => {
    const [holder] = await participants("expiry-finisher");
    const { opportunityId, claimId } = await claimWithSecondsLeft(holder!, { seconds: 15, capacity: 2 });
    await eventually(async () => ((await expiryTasksOf(claimId)).length === 1 ? true : undefined));
    expect((await holder!.post(`/v1/claims/${claimId}/submissions`, validAnswers)).status).toBe(201);

    // A task leaves its queue once an attempt succeeded: the check ran, and found the claim ended.
    await eventually(async () => ((await expiryTasksOf(claimId)).length === 0 ? true : undefined), 60_000);

    expect((await holder!.get(`/v1/claims/${claimId}`)).body).toMatchObject({ status: "completed", expiredAt: null });
    expect(await placesTaken(opportunityId)).toBe(1);
    expect(await database.db.collection("events").countDocuments({ type: "claim.expired.v1", "data.claimId": claimId })).toBe(0);
  }, 90_000);
});
