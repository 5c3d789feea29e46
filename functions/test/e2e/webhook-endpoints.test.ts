import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhook } from "../../../sdk/src/webhooks.js";
import { startHttpTarget, type ReceivedRequest } from "../integration/support/http-target.js";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { surveyOpportunity } from "./support/scenario.js";

// Managing a webhook endpoint, through Hosting as a client calls, with deliveries to a real
// receiver on loopback (allowed by the local WEBHOOK_DESTINATION_ALLOWLIST): a new URL gets the
// next messages, a disabled endpoint gets nothing and an enabled one again gets what follows, a
// rotated secret overlaps the new one so the receiver verifies every delivery with either, `v1a`
// signatures verify with the public key through the SDK, and a deleted endpoint is gone.

const database = platformDatabase();
const messages = database.db.collection<{ _id: string; endpointId: string; status: string; attempts: Array<{ status: number | null }> }>("webhook_messages");

let receiver: Awaited<ReturnType<typeof startHttpTarget>>;
/** Paths whose first request is answered 500, so that the message is attempted again. */
const failOnce = new Set<string>();
/** Paths answered 500 until the test takes them out: a message's retries are held until then, however soon the (time-scaled) schedule brings them. */
const failUntilReleased = new Set<string>();

beforeAll(async () => {
  receiver = await startHttpTarget((request) => {
    if (failOnce.delete(request.path) || failUntilReleased.has(request.path)) return 500;
    return 200;
  });
});

afterAll(async () => {
  await receiver.close();
  await database.close();
});

type Client = ReturnType<typeof apiClient>;

async function organization() {
  const asOwner = apiClient((await signUpUser("owner")).idToken);
  const org = await asOwner.post("/v1/organizations", { name: "Endpoints Ltd" });
  expect(org.status).toBe(201);
  return { asOwner, orgId: org.body.id as string, endpoints: `/v1/organizations/${org.body.id}/webhook-endpoints` };
}

/** Publishes an opportunity of the organization, which sends `opportunity.published.v1` to its endpoints; returns its id. */
async function publishOpportunity(asOwner: Client, orgId: string): Promise<string> {
  const draft = await asOwner.post("/v1/opportunities", surveyOpportunity(orgId));
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  expect((await asOwner.post(`/v1/opportunities/${draft.body.id}/publish`)).status).toBe(200);
  return draft.body.id;
}

/** The requests the receiver got at `path` carrying the event about `opportunityId`. */
const requestsFor = (path: string, opportunityId: string) => receiver.received.filter((r) => r.path === path && r.body.includes(opportunityId));

/** Waits for the `count`-th request at `path` about `opportunityId`. */
const awaitRequest = (path: string, opportunityId: string, count = 1) =>
  eventually(() => {
    const found = requestsFor(path, opportunityId);
    return found.length >= count ? found[count - 1] : undefined;
  }, 45_000);

const signatureHeaders = (request: ReceivedRequest) => ({
  "webhook-id": String(request.headers["webhook-id"]),
  "webhook-timestamp": String(request.headers["webhook-timestamp"]),
  "webhook-signature": String(request.headers["webhook-signature"]),
});

/** Whether the SDK's verifier accepts the request with these credentials. */
const verifies = (request: ReceivedRequest, credentials: { secret?: string; publicKey?: string }) =>
  verifyWebhook({ ...credentials, headers: signatureHeaders(request), body: request.body }).then(
    () => true,
    () => false,
  );

describe("webhook endpoint management", () => {
  it("gets and updates an endpoint: a refused URL changes nothing, the new URL gets the next messages with the custom headers", async () => {
    const { asOwner, orgId, endpoints } = await organization();
    const created = await asOwner.post(endpoints, { url: `${receiver.url}/first`, eventTypes: ["opportunity.published.v1"], description: "first" });
    expect(created.status).toBe(201);
    const endpoint = `${endpoints}/${created.body.id}`;

    const first = await publishOpportunity(asOwner, orgId);
    await awaitRequest("/first", first);

    const refused = await asOwner.patch(endpoint, { url: "https://10.0.0.5/hook", description: "never" });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: "destination_refused", detail: expect.stringMatching(/10\.0\.0\.5 is not a public address: private/) });
    const invalid = await asOwner.patch(endpoint, { headers: { "webhook-signature": "v1,forged" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe("validation_failed");
    const unchanged = await asOwner.get(endpoint);
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ url: `${receiver.url}/first`, description: "first", headers: {}, status: "enabled" });
    expect(unchanged.body.secret).toBeUndefined();

    const updated = await asOwner.patch(endpoint, {
      url: `${receiver.url}/second`,
      description: "second",
      headers: { "X-Team": "hooks" },
      metadata: { owner: "integrations" },
      rateLimitPerSecond: 20,
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ url: `${receiver.url}/second`, description: "second", headers: { "X-Team": "hooks" }, metadata: { owner: "integrations" }, rateLimitPerSecond: 20 });
    expect((await asOwner.get(endpoint)).body).toEqual(updated.body);

    const second = await publishOpportunity(asOwner, orgId);
    const request = await awaitRequest("/second", second);
    expect(request.headers["x-team"]).toBe("hooks");
    expect(requestsFor("/first", second)).toEqual([]);
  });

  it("sends nothing to a disabled endpoint, and what follows once it is enabled", async () => {
    const { asOwner, orgId, endpoints } = await organization();
    const paused = await asOwner.post(endpoints, { url: `${receiver.url}/paused`, eventTypes: ["opportunity.published.v1"] });
    // The control endpoint receives every event: once it has one, fan-out for that event is over.
    const control = await asOwner.post(endpoints, { url: `${receiver.url}/control`, eventTypes: ["opportunity.published.v1"] });
    expect([paused.status, control.status]).toEqual([201, 201]);

    const disabled = await asOwner.post(`${endpoints}/${paused.body.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe("disabled");
    expect((await asOwner.post(`${endpoints}/${paused.body.id}/disable`)).body.status).toBe("disabled");

    const whileDisabled = await publishOpportunity(asOwner, orgId);
    const controlMessage = await awaitRequest("/control", whileDisabled);
    expect(await messages.findOne({ _id: String(controlMessage.headers["webhook-id"]) })).toMatchObject({ endpointId: control.body.id });
    expect(await messages.countDocuments({ endpointId: paused.body.id })).toBe(0);
    expect(requestsFor("/paused", whileDisabled)).toEqual([]);

    const enabled = await asOwner.post(`${endpoints}/${paused.body.id}/enable`);
    expect(enabled.body.status).toBe("enabled");
    const afterEnabled = await publishOpportunity(asOwner, orgId);
    await awaitRequest("/paused", afterEnabled);
    expect(requestsFor("/paused", whileDisabled)).toEqual([]);
  });

  it("rotates the secret: the new one is shown once, and a message attempted across the rotation verifies with either secret and either public key", async () => {
    const { asOwner, orgId, endpoints } = await organization();
    const created = await asOwner.post(endpoints, { url: `${receiver.url}/rotating`, eventTypes: ["opportunity.published.v1"], asymmetricSigning: true });
    expect(created.status).toBe(201);
    const { secret: oldSecret, publicKey: oldPublicKey } = created.body as { secret: string; publicKey: string };
    expect(oldPublicKey).toMatch(/^whpk_/);
    const endpoint = `${endpoints}/${created.body.id}`;

    // Every attempt before the rotation is answered 500 (at the local time scale the schedule
    // retries within milliseconds), so the attempt that succeeds comes after it.
    failUntilReleased.add("/rotating");
    const opportunityId = await publishOpportunity(asOwner, orgId);
    const before = await awaitRequest("/rotating", opportunityId, 1);
    expect(String(before.headers["webhook-signature"]).split(" ").map((s) => s.split(",")[0])).toEqual(["v1", "v1a"]);
    expect(await verifies(before, { secret: oldSecret })).toBe(true);
    expect(await verifies(before, { publicKey: oldPublicKey })).toBe(true);

    const rotated = await asOwner.post(`${endpoint}/rotate-secret`, undefined, { "idempotency-key": `rotate-${created.body.id}` });
    expect(rotated.status).toBe(200);
    const { secret: newSecret, publicKey: newPublicKey } = rotated.body as { secret: string; publicKey: string };
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    expect(newPublicKey).not.toBe(oldPublicKey);
    expect(rotated.body.previousPublicKey).toBe(oldPublicKey);
    const overlapHours = (Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);
    // The secret is shown once: not on reading, not on a replay of the same request.
    expect((await asOwner.get(endpoint)).body.secret).toBeUndefined();
    const replay = await asOwner.post(`${endpoint}/rotate-secret`, undefined, { "idempotency-key": `rotate-${created.body.id}` });
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe("shown_once");
    expect(JSON.stringify(replay.body)).not.toContain(newSecret);

    failUntilReleased.delete("/rotating");
    const after = await eventually(async () => {
      const delivered = await messages.findOne({ endpointId: created.body.id, status: "delivered" });
      return delivered ? awaitRequest("/rotating", opportunityId, delivered.attempts.length) : undefined;
    }, 60_000);
    expect(after.headers["webhook-id"]).toBe(before.headers["webhook-id"]);
    expect(String(after.headers["webhook-signature"]).split(" ").map((s) => s.split(",")[0])).toEqual(["v1", "v1", "v1a", "v1a"]);
    for (const credentials of [{ secret: oldSecret }, { secret: newSecret }, { publicKey: oldPublicKey }, { publicKey: newPublicKey }]) {
      expect(await verifies(after, credentials), JSON.stringify(Object.keys(credentials))).toBe(true);
    }
    // Any Standard Webhooks library verifies the v1 signatures with either secret too.
    for (const secret of [oldSecret, newSecret]) expect(new Webhook(secret).verify(after.body, signatureHeaders(after))).toMatchObject({ type: "opportunity.published.v1" });
    expect(await verifies(after, { secret: `whsec_${Buffer.alloc(32, 7).toString("base64")}` })).toBe(false);
    const message = await eventually(async () => (await messages.findOne({ _id: String(after.headers["webhook-id"]), status: "delivered" })) ?? undefined, 20_000);
    expect(message.attempts.map((a) => a.status)).toEqual([...Array(message.attempts.length - 1).fill(500), 200]);
  });

  it("turns asymmetric signing off: no v1a signatures and no public key any more", async () => {
    const { asOwner, orgId, endpoints } = await organization();
    const created = await asOwner.post(endpoints, { url: `${receiver.url}/symmetric`, eventTypes: ["opportunity.published.v1"], asymmetricSigning: true });
    const off = await asOwner.patch(`${endpoints}/${created.body.id}`, { asymmetricSigning: false });
    expect(off.body).toMatchObject({ publicKey: null, previousPublicKey: null });
    const opportunityId = await publishOpportunity(asOwner, orgId);
    const request = await awaitRequest("/symmetric", opportunityId);
    expect(String(request.headers["webhook-signature"]).split(" ").map((s) => s.split(",")[0])).toEqual(["v1"]);
    expect(await verifies(request, { secret: created.body.secret })).toBe(true);
    expect(await verifies(request, { publicKey: created.body.publicKey })).toBe(false);
  });

  it("deletes an endpoint: 404 afterwards, and no message is made for it any more", async () => {
    const { asOwner, orgId, endpoints } = await organization();
    const doomed = await asOwner.post(endpoints, { url: `${receiver.url}/doomed`, eventTypes: ["opportunity.published.v1"] });
    const control = await asOwner.post(endpoints, { url: `${receiver.url}/kept`, eventTypes: ["opportunity.published.v1"] });
    const endpoint = `${endpoints}/${doomed.body.id}`;

    const deleted = await asOwner.delete(endpoint);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: doomed.body.id });
    expect(deleted.body.secret).toBeUndefined();
    for (const response of [await asOwner.get(endpoint), await asOwner.delete(endpoint), await asOwner.patch(endpoint, { description: "x" }), await asOwner.post(`${endpoint}/rotate-secret`)]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe("not_found");
    }
    expect((await asOwner.get(endpoints)).body.data.map((e: { id: string }) => e.id)).toEqual([control.body.id]);

    const opportunityId = await publishOpportunity(asOwner, orgId);
    await awaitRequest("/kept", opportunityId);
    expect(await messages.countDocuments({ endpointId: doomed.body.id })).toBe(0);
  });

  it("hides another organization's endpoint behind 404, whatever the route", async () => {
    const mine = await organization();
    const theirs = await organization();
    const created = await theirs.asOwner.post(theirs.endpoints, { url: `${receiver.url}/theirs`, eventTypes: ["opportunity.published.v1"] });
    const viaMine = `${mine.endpoints}/${created.body.id}`;
    for (const response of [await mine.asOwner.get(viaMine), await mine.asOwner.patch(viaMine, { description: "mine" }), await mine.asOwner.post(`${viaMine}/disable`), await mine.asOwner.delete(viaMine)]) {
      expect(response.status).toBe(404);
    }
    expect((await theirs.asOwner.get(`${theirs.endpoints}/${created.body.id}`)).body).toMatchObject({ status: "enabled", description: "" });
  });
});
