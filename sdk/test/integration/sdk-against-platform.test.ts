import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpWithPassword } from "../../../functions/test/e2e/support/accounts.js";
import { surveyOpportunity, validAnswers } from "../../../functions/test/e2e/support/scenario.js";
import { startHttpTarget } from "../../../functions/test/integration/support/http-target.js";
import { eventually, platformEnv } from "../../../functions/test/integration/support/local-platform.js";
import { UserXError, createClient, type UserXClient } from "../../src/index.js";
import { verifyWebhook } from "../../src/webhooks.js";

// The SDK against the real local platform (Hosting, the functions, MongoDB, Pub/Sub, Cloud
// Tasks): what a client of the published package would see.

const baseUrl = platformEnv("USERX_BASE_URL");
const clientFor = (credential: string, options: Parameters<typeof createClient>[0] = {}): UserXClient => createClient({ baseUrl, credentials: () => credential, ...options });

let receiver: Awaited<ReturnType<typeof startHttpTarget>>;
let owner: UserXClient;
let orgId: string;

beforeAll(async () => {
  receiver = await startHttpTarget();
  owner = clientFor((await signUpWithPassword("sdk-owner")).idToken);
  orgId = (await owner.organizations.create({ name: "SDK Org" })).id;
});

afterAll(() => receiver.close());

async function publishedOpportunity(overrides: Record<string, unknown> = {}) {
  const draft = await owner.opportunities.create(surveyOpportunity(orgId, overrides) as Parameters<UserXClient["opportunities"]["create"]>[0]);
  return owner.opportunities.publish({ opportunityId: draft.id });
}

describe("the SDK against the local platform", () => {
  it("runs the participant's flow: claim, answer, see the points, and a webhook that verifies", async () => {
    const endpoint = await owner.organizations.createWebhookEndpoint({ orgId, url: `${receiver.url}/hooks`, eventTypes: ["claim.completed.v1"] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const opportunity = await publishedOpportunity();
    const participant = clientFor((await signUpWithPassword("sdk-participant")).idToken);

    const claim = await participant.claims.create({ opportunityId: opportunity.id });
    expect(claim).toMatchObject({ status: "active", progress: { completedTasks: 0, totalTasks: 1 } });
    const submission = await participant.claims.createSubmission({ claimId: claim.id, ...validAnswers });
    expect(submission.status).toBe("approved");
    expect(await participant.claims.get({ claimId: claim.id })).toMatchObject({ status: "completed" });

    // The reward is issued by a subscriber after the claim completes.
    const balance = await eventually(async () => {
      const { points } = await participant.rewards.getPointsBalance();
      return points === 50 ? points : undefined;
    });
    expect(balance).toBe(50);
    expect((await participant.rewards.list()).data).toMatchObject([{ claimId: claim.id, type: "points", status: "issued" }]);

    const delivery = await eventually(() => receiver.received.find((request) => request.body.includes(claim.id)));
    const headers = Object.fromEntries(Object.entries(delivery.headers).map(([name, value]) => [name, String(value)]));
    await expect(verifyWebhook({ secret: endpoint.secret!, headers, body: delivery.body })).resolves.toMatchObject({ type: "claim.completed.v1", data: { claimId: claim.id } });
    await expect(verifyWebhook({ secret: endpoint.secret!, headers, body: JSON.stringify(JSON.parse(delivery.body), null, 2) })).rejects.toThrow(/signature/);
  });

  it("uploads a photo to an upload task: a signed direct upload to the media store, its notification, the checks and the review queue", async () => {
    const opportunity = await publishedOpportunity({ reviewPolicy: "auto_then_manual", tasks: [{ id: "shelf", type: "upload", title: "Photo of the shelf", media: { kinds: ["image"], maxBytes: 2_000_000, minWidth: 200, minHeight: 100 } }] });
    const participant = clientFor((await signUpWithPassword("sdk-uploader")).idToken);
    const claim = await participant.claims.create({ opportunityId: opportunity.id });
    const upload = await participant.media.createUpload({ claimId: claim.id, taskId: "shelf" });
    // Gaussian noise: full of detail, so it passes the blank and blur checks.
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append("file", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "shelf.jpg");
    // Straight to the media store: our API never sees the file.
    expect((await fetch(upload.url, { method: "POST", body: form })).status).toBe(200);

    const stored = await eventually(async () => (await participant.media.list({ claimId: claim.id })).data.find((file) => file.id === upload.mediaId), 60_000);
    expect(stored).toMatchObject({ taskId: "shelf", format: "jpg", width: 400, height: 300, bytes: photo.length });
    const submission = await participant.claims.createSubmission({ claimId: claim.id, taskId: "shelf", media: [upload.mediaId] });
    expect(submission).toMatchObject({ status: "needs_review", media: [upload.mediaId] });
    const queue = await owner.submissions.list({ orgId, opportunityId: opportunity.id, status: "needs_review" });
    expect(queue.data).toMatchObject([{ id: submission.id, media: [upload.mediaId] }]);
    expect((await owner.media.list({ claimId: claim.id })).data).toMatchObject([{ id: upload.mediaId }]);
  });

  it("answers a retried create from the first attempt when its answer was lost", async () => {
    const opportunity = await publishedOpportunity();
    let dropped = 0;
    // The first answer is thrown away after the server has acted on the request, as a dropped
    // connection would: the SDK retries with the same Idempotency-Key.
    const losingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === "POST" && dropped++ === 0) throw new TypeError("connection reset");
      return response;
    };
    const participant = clientFor((await signUpWithPassword("sdk-retry")).idToken, { fetch: losingFetch, retry: { baseDelayMs: 50 } });
    const claim = await participant.claims.create({ opportunityId: opportunity.id });
    expect(dropped).toBe(2);
    expect((await participant.claims.list({ opportunityId: opportunity.id })).data.map((c) => c.id)).toEqual([claim.id]);
    expect((await owner.opportunities.get({ opportunityId: opportunity.id })).claimsCount).toBe(1);
  });

  it("rejects with UserXError carrying the problem's code, detail, request id and field errors", async () => {
    const opportunity = await publishedOpportunity();
    const participant = clientFor((await signUpWithPassword("sdk-errors")).idToken);
    const first = await participant.claims.create({ opportunityId: opportunity.id });
    const again = await participant.claims.create({ opportunityId: opportunity.id }).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(UserXError);
    expect(again).toMatchObject({ code: "already_claimed", status: 409, problem: { claimId: first.id } });
    expect((again as UserXError).requestId).toBeTruthy();

    const invalid = (await owner.organizations.create({ name: "" }).catch((error: unknown) => error)) as UserXError;
    expect(invalid).toMatchObject({ code: "validation_failed", status: 400 });
    expect(invalid.errors).toContainEqual(expect.objectContaining({ location: "body.name" }));

    const unauthenticated = await createClient({ baseUrl }).claims.list().catch((error: unknown) => error);
    expect(unauthenticated).toMatchObject({ code: "unauthenticated", status: 401 });
  });

  it("walks every page with listAll", async () => {
    const org = await owner.organizations.create({ name: "SDK Pages" });
    const created = [];
    for (const title of ["one", "two", "three"]) created.push((await owner.opportunities.create(surveyOpportunity(org.id, { title }) as Parameters<UserXClient["opportunities"]["create"]>[0])).id);
    const seen: string[] = [];
    for await (const opportunity of owner.opportunities.listAll({ orgId: org.id, limit: 1, sort: "createdAt" })) seen.push(opportunity.id);
    expect(seen).toEqual(created);
  });

  it("serves the console's reads: account, API keys, webhook endpoints and an opportunity's claims", async () => {
    const account = await owner.account.get();
    expect(account.userId).toMatch(/^usr_/);
    const created = await owner.organizations.createApiKey({ orgId, name: "ci", scopes: ["claims:read"] });
    expect(created.key).toBeTruthy();
    const keys = await owner.organizations.listApiKeys({ orgId });
    expect(keys.data.map((k) => k.id)).toContain(created.id);
    expect(keys.data.every((k) => k.key === undefined)).toBe(true);
    const endpoints = await owner.organizations.listWebhookEndpoints({ orgId });
    expect(endpoints.data.length).toBeGreaterThan(0);
    expect(endpoints.data.every((e) => e.secret === undefined)).toBe(true);

    const opportunity = await publishedOpportunity();
    const participant = clientFor((await signUpWithPassword("sdk-listed")).idToken);
    const claim = await participant.claims.create({ opportunityId: opportunity.id });
    const asKey = clientFor(created.key!);
    expect((await asKey.opportunities.listClaims({ opportunityId: opportunity.id })).data.map((c) => c.id)).toEqual([claim.id]);
    await expect(participant.opportunities.listClaims({ opportunityId: opportunity.id })).rejects.toMatchObject({ code: "not_found" });
  });
});
