import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpTarget } from "../integration/support/http-target.js";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { surveyOpportunity } from "./support/scenario.js";

// Where webhooks may go, through Hosting as a client calls: registration refuses what the
// destination guard refuses and stores nothing; the local platform reaches its loopback
// receivers through the allowlist (127.0.0.1, localhost in functions/.env.local), not by turning
// the guard off; and a receiver that answers with an endless body costs one bounded attempt.

const database = platformDatabase();
const endpoints = database.db.collection<{ _id: string; orgId: string; url: string }>("webhook_endpoints");
const messages = database.db.collection<{ _id: string; endpointId: string; status: string; attempts: Array<{ status: number | null; latencyMs: number; responseExcerpt?: string; error?: string }> }>(
  "webhook_messages",
);

let receiver: Awaited<ReturnType<typeof startHttpTarget>>;
let endless: Server;
/** When each request to the endless receiver arrived and, once it has, when its connection closed. */
const endlessRequests: Array<{ arrivedAt: number; closedAt?: number }> = [];

beforeAll(async () => {
  receiver = await startHttpTarget();
  // 1 KB every 5 ms, for as long as the connection stays open: the function under test reads
  // 4 KB of it; a sender that reads the whole body would read until its attempt times out.
  endless = createServer((req, res) => {
    const entry: { arrivedAt: number; closedAt?: number } = { arrivedAt: Date.now() };
    endlessRequests.push(entry);
    req.resume();
    res.writeHead(200, { "content-type": "text/plain" });
    let n = 0;
    const timer = setInterval(() => res.write(`chunk ${String(n++).padStart(6, "0")} ${"z".repeat(1_010)}\n`), 5);
    res.once("close", () => {
      clearInterval(timer);
      entry.closedAt = Date.now();
    });
  });
  await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await receiver.close();
  endless.closeAllConnections();
  await new Promise<void>((resolve) => endless.close(() => resolve()));
  await database.close();
});

async function organization() {
  const asOwner = apiClient((await signUpUser("owner")).idToken);
  const org = await asOwner.post("/v1/organizations", { name: "Hooks Ltd" });
  expect(org.status).toBe(201);
  return { asOwner, orgId: org.body.id as string };
}

/** Publishes an opportunity of the organization, which sends `opportunity.published.v1` to its endpoints. */
async function publishOpportunity(asOwner: ReturnType<typeof apiClient>, orgId: string) {
  const draft = await asOwner.post("/v1/opportunities", surveyOpportunity(orgId));
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  expect((await asOwner.post(`/v1/opportunities/${draft.body.id}/publish`)).status).toBe(200);
}

const register = (asOwner: ReturnType<typeof apiClient>, orgId: string, url: string) =>
  asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, { url, eventTypes: ["opportunity.published.v1"] });

describe("webhook destinations", () => {
  it("refuses private, metadata, IPv4-embedding and credential URLs at registration with 422 and the reason, storing nothing", async () => {
    const { asOwner, orgId } = await organization();
    const refused: Array<[url: string, reason: RegExp]> = [
      ["https://10.0.0.5/hook", /10\.0\.0\.5 is not a public address: private/],
      ["https://192.168.1.20:8443/hook", /private \(192\.168\.0\.0\/16\)/],
      ["https://169.254.169.254/computeMetadata/v1/", /link-local \(the cloud metadata server\)/],
      ["https://metadata.google.internal/computeMetadata/v1/", /metadata\.google\.internal is a private name/],
      ["https://metadata/computeMetadata/v1/", /not a fully qualified public host name/],
      ["https://[::ffff:169.254.169.254]/hook", /IPv4-mapped 169\.254\.169\.254/],
      ["https://[::ffff:0:10.0.0.1]/hook", /IPv4-translated 10\.0\.0\.1/],
      ["https://[64:ff9b::a9fe:a9fe]/hook", /NAT64 169\.254\.169\.254/],
      ["https://[2002:a9fe:a9fe::1]/hook", /6to4 169\.254\.169\.254/],
      ["https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook", /Teredo 127\.0\.0\.1/],
      ["https://[fd00::5]/hook", /unique-local/],
      ["https://ops:hunter2@hooks.example.com/hook", /may not carry credentials/],
      ["http://hooks.example.com/hook", /must use https/],
      ["https://hooks.example.com:6379/hook", /port 6379 \(Redis\) is not allowed/],
    ];

    const answers = [];
    for (const [url] of refused) {
      const response = await register(asOwner, orgId, url);
      answers.push({ url, status: response.status, contentType: response.headers.get("content-type"), code: response.body.code, detail: response.body.detail });
    }

    for (const [index, [url, reason]] of refused.entries()) {
      expect(answers[index], url).toMatchObject({ url, status: 422, contentType: expect.stringMatching(/^application\/problem\+json/), code: "destination_refused", detail: expect.stringMatching(reason) });
    }
    expect(await endpoints.countDocuments({ orgId })).toBe(0);
  });

  it("delivers to a receiver on 127.0.0.1, which the local allowlist names, and refuses other loopback addresses", async () => {
    const { asOwner, orgId } = await organization();
    const port = new URL(receiver.url).port;

    // 127.0.0.2 is loopback too, but not in the allowlist: the guard is narrowed, not off.
    const outside = await register(asOwner, orgId, `http://127.0.0.2:${port}/outside`);
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ code: "destination_refused", detail: "webhook URLs must use https" });
    const outsideHttps = await register(asOwner, orgId, `https://[::1]:${port}/outside`);
    expect(outsideHttps.status).toBe(422);
    expect(outsideHttps.body).toMatchObject({ code: "destination_refused", detail: expect.stringMatching(/^::1 is not a public address: loopback/) });

    const inside = await register(asOwner, orgId, `${receiver.url}/allowlisted`);
    expect(inside.status).toBe(201);
    expect(await endpoints.find({ orgId }).map((e) => e.url).toArray()).toEqual([`${receiver.url}/allowlisted`]);

    await publishOpportunity(asOwner, orgId);

    const delivered = await eventually(async () => (await messages.findOne({ endpointId: inside.body.id, status: "delivered" })) ?? undefined, 30_000);
    expect(delivered.attempts).toMatchObject([{ status: 200 }]);
    const requests = receiver.received.filter((r) => r.headers["webhook-id"] === delivered._id);
    expect(requests.map((r) => r.path)).toEqual(["/allowlisted"]);
    expect(receiver.received.filter((r) => r.path === "/outside")).toEqual([]);
  });

  it("records an endless answer as an attempt with at most 4 KB of excerpt, and ends the attempt at once", async () => {
    const { asOwner, orgId } = await organization();
    const url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/endless`;
    const endpoint = await register(asOwner, orgId, url);
    expect(endpoint.status).toBe(201);
    const before = endlessRequests.length;

    await publishOpportunity(asOwner, orgId);

    const message = await eventually(async () => {
      const found = await messages.findOne({ endpointId: endpoint.body.id });
      return found && found.attempts.length > 0 ? found : undefined;
    }, 45_000);
    const [attempt] = message.attempts;
    expect(attempt).toMatchObject({ status: 200 });
    expect(attempt?.error).toBeUndefined();
    const excerpt = attempt?.responseExcerpt ?? "";
    expect(excerpt).toMatch(/^chunk 000000 z{1010}\nchunk 000001 /);
    expect(Buffer.byteLength(excerpt)).toBeGreaterThan(0);
    expect(Buffer.byteLength(excerpt)).toBeLessThanOrEqual(4_096);
    expect(attempt?.latencyMs).toBeLessThan(5_000);

    // The sender dropped the connection after its 4 KB, well before the attempt's 15 s bound.
    const request = await eventually(() => {
      const seen = endlessRequests[before];
      return seen?.closedAt === undefined ? undefined : seen;
    }, 20_000);
    expect(request.closedAt! - request.arrivedAt).toBeLessThan(5_000);
    expect(message.status).toBe("delivered");
  });
});
