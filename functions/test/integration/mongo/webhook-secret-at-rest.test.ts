import type { Db } from "mongodb";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptPlainWebhookSecrets } from "../../../src/adapters/mongo/collections.js";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { updateAggregate } from "../../../src/app/shared/update-aggregate.js";
import { readRuntimeConfig } from "../../../src/config.js";
import type { WebhookEndpointRepository } from "../../../src/ports/webhook-endpoint-repository.js";
import { apiClient, signUpUser } from "../../e2e/support/api-client.js";
import { platformDatabase } from "../../e2e/support/mongo.js";
import { publishedOpportunity, validAnswers } from "../../e2e/support/scenario.js";
import { startHttpTarget } from "../support/http-target.js";
import { eventually } from "../support/local-platform.js";
import { newSigningKey, newSigningSecret } from "../../../src/domain/webhooks/signing.js";
import { withSigningRotated } from "../../../src/domain/webhooks/webhook-endpoint.js";
import { anEndpoint } from "./fixtures.js";
import { openTestDatabase, rejectionOf, storedDocument, storedDocuments, testId } from "./mongo-test-database.js";

// Webhook signing secrets at rest: the database holds them only encrypted (envelope encryption
// under the local KMS, userx-kms), the repository reads them back in clear, and the functions
// still sign with them.

let db: Db;
let drop: () => Promise<void>;
let endpoints: WebhookEndpointRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_secret_at_rest"));
  ({ webhookEndpoints: endpoints } = mongoRepositories(db));
});

afterAll(() => drop());

/** Everything stored for one endpoint, as text. */
const storedText = async (id: string) => JSON.stringify(await storedDocument(db, "webhook_endpoints", id));

describe("a webhook endpoint's signing secret at rest", () => {
  it("is stored sealed, with no whsec_ anywhere, and read back in clear", async () => {
    const endpoint = anEndpoint(testId("org"), ["claim.completed.v1"]);
    await endpoints.insert(endpoint);

    const stored = await storedDocument(db, "webhook_endpoints", endpoint.id);
    expect(await storedText(endpoint.id)).not.toContain("whsec_");
    expect(await storedText(endpoint.id)).not.toContain(endpoint.secret.slice("whsec_".length));
    expect(stored?.secret).toEqual({ v: 1, keyName: readRuntimeConfig().kms.keyName, wrappedKey: expect.any(String), iv: expect.any(String), ciphertext: expect.any(String), tag: expect.any(String) });
    expect(await endpoints.findById(endpoint.id)).toEqual(endpoint);
    expect(await endpoints.findSubscribed(endpoint.orgId, "claim.completed.v1")).toEqual([endpoint]);
  });

  it("stays sealed through an optimistic save, sealed afresh", async () => {
    const endpoint = anEndpoint(testId("org"), ["claim.completed.v1"]);
    await endpoints.insert(endpoint);
    const before = (await storedDocument(db, "webhook_endpoints", endpoint.id))?.secret;

    const saved = await updateAggregate(endpoints, endpoint.id, (current) => ({ next: { ...current, description: "renamed" } }));

    expect(saved).toEqual({ ...endpoint, description: "renamed", version: 2 });
    const after = (await storedDocument(db, "webhook_endpoints", endpoint.id))?.secret;
    expect(after.iv).not.toBe(before.iv);
    expect(await storedText(endpoint.id)).not.toContain("whsec_");
    expect(await endpoints.findById(endpoint.id)).toEqual(saved);
  });

  it("seals the ed25519 signing key and the pair a rotation replaced too, each bound to its own field", async () => {
    const orgId = testId("org");
    const endpoint = withSigningRotated({ ...anEndpoint(orgId, ["claim.completed.v1"]), signingKey: newSigningKey() }, { secret: newSigningSecret(), signingKey: newSigningKey() }, new Date());
    await endpoints.insert(endpoint);

    const text = await storedText(endpoint.id);
    for (const clear of ["whsec_", "whsk_", endpoint.signingKey!.slice("whsk_".length), endpoint.previous!.signingKey!.slice("whsk_".length), endpoint.previous!.secret.slice("whsec_".length)]) {
      expect(text).not.toContain(clear);
    }
    const stored = await storedDocument(db, "webhook_endpoints", endpoint.id);
    expect(stored).toMatchObject({ signingKey: { v: 1 }, previous: { secret: { v: 1 }, signingKey: { v: 1 }, expiresAt: endpoint.previous!.expiresAt } });
    expect(await endpoints.findById(endpoint.id)).toEqual(endpoint);

    // The replaced secret's sealed value, put where the current one goes, does not decrypt.
    await storedDocuments(db, "webhook_endpoints").updateOne({ _id: endpoint.id }, { $set: { secret: stored?.previous.secret } });
    expect(((await rejectionOf(endpoints.findById(endpoint.id))) as { code?: string }).code).toBe("internal");
  });

  it("does not decrypt when copied into another endpoint's document", async () => {
    const orgId = testId("org");
    const [source, target] = [anEndpoint(orgId, ["claim.completed.v1"]), anEndpoint(orgId, ["reward.issued.v1"])];
    await endpoints.insert(source);
    await endpoints.insert(target);
    const sealed = (await storedDocument(db, "webhook_endpoints", source.id))?.secret;
    await storedDocuments(db, "webhook_endpoints").updateOne({ _id: target.id }, { $set: { secret: sealed } });

    const error = (await rejectionOf(endpoints.findById(target.id))) as { code?: string; message?: string };

    expect(error.code).toBe("internal");
    expect(error.message).not.toContain(source.secret);
    expect(await endpoints.findById(source.id)).toEqual(source);
  });

  it("is encrypted by the migration when it was stored in clear before, once", async () => {
    const endpoint = anEndpoint(testId("org"), ["claim.completed.v1"]);
    const { id, ...fields } = endpoint;
    await storedDocuments(db, "webhook_endpoints").insertOne({ _id: id, ...fields, outbox: [] });
    expect(await endpoints.findById(id)).toEqual(endpoint);

    expect(await encryptPlainWebhookSecrets(db)).toBe(1);

    expect(await storedText(id)).not.toContain("whsec_");
    expect(await endpoints.findById(id)).toEqual({ ...endpoint, version: endpoint.version + 1 });
    expect(await encryptPlainWebhookSecrets(db)).toBe(0);
  });
});

describe("through the functions", () => {
  const database = platformDatabase();
  let receiver: Awaited<ReturnType<typeof startHttpTarget>>;

  beforeAll(async () => {
    receiver = await startHttpTarget();
  });

  afterAll(async () => {
    await receiver.close();
    await database.close();
  });

  it("stores a new endpoint's secret sealed, and signs its webhooks with it", async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity();
    const created = await asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, { url: `${receiver.url}/hooks`, eventTypes: ["claim.completed.v1"] });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_/);

    const stored = await database.db.collection<{ _id: string }>("webhook_endpoints").findOne({ _id: created.body.id });
    expect(JSON.stringify(stored)).not.toContain("whsec_");
    expect(stored).toMatchObject({ secret: { v: 1 } });

    const asParticipant = apiClient((await signUpUser("participant")).idToken);
    const claim = await asParticipant.post("/v1/claims", { opportunityId: opportunity.id });
    expect(claim.status).toBe(201);
    expect((await asParticipant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(201);

    const delivery = await eventually(() => receiver.received.find((request) => request.path === "/hooks"), 45_000);
    const headers = {
      "webhook-id": String(delivery.headers["webhook-id"]),
      "webhook-timestamp": String(delivery.headers["webhook-timestamp"]),
      "webhook-signature": String(delivery.headers["webhook-signature"]),
    };
    expect(new Webhook(secret).verify(delivery.body, headers)).toMatchObject({ type: "claim.completed.v1", data: { claimId: claim.body.id } });
  });
});
