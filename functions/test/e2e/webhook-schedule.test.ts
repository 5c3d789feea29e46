import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { surveyOpportunity } from "./support/scenario.js";

// The retry schedule against a real receiver on loopback, through Hosting, Pub/Sub and the real
// Cloud Tasks emulator. The local platform runs with WEBHOOK_TIME_SCALE=3600 (functions/.env.local):
// an hour of the schedule is a second, so the whole schedule (about 27.6 h) plays in about 30 s.
// Each attempt logs the wait the schedule set after it in real time (`nextDelayMs`), which is what
// these tests read; the receiver is told, path by path, how to answer each request in turn.

type Answer = { status: number; headers?: Record<string, string> } | "hang";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const database = platformDatabase();
interface StoredAttempt {
  status: number | null;
  error?: string;
  nextDelayMs: number | null;
  trigger: string;
}
const messages = database.db.collection<{ _id: string; endpointId: string; eventType: string; status: string; attempts: StoredAttempt[] }>("webhook_messages");

const scripts = new Map<string, Answer[]>();
const received: Received[] = [];
const hanging: ServerResponse[] = [];
let receiverUrl = "";
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const path = req.url ?? "";
    received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    // Each path answers its script in turn and keeps answering the last entry; unscripted paths answer 200.
    const script = scripts.get(path) ?? [];
    const answer = script.length > 1 ? script.shift()! : (script[0] ?? { status: 200 });
    if (answer === "hang") return void hanging.push(res);
    res.writeHead(answer.status, answer.headers).end(`answer ${answer.status} to ${path}`);
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
});

const operational = ["message.attempt.failing.v1", "message.attempt.exhausted.v1", "message.attempt.recovered.v1", "endpoint.disabled.v1"];

/**
 * A new organization with an endpoint at `path` subscribed to opportunity.published.v1 (and to
 * the operational events, which must never come back to it), and a watcher endpoint subscribed
 * to the operational events; then an opportunity published, which sends a message to the first.
 */
async function scenario(path: string, script: Answer[]) {
  scripts.set(path, [...script]);
  const asOwner = apiClient((await signUpUser("owner")).idToken);
  const org = await asOwner.post("/v1/organizations", { name: "Schedule Ltd" });
  expect(org.status).toBe(201);
  const endpoints = `/v1/organizations/${org.body.id}/webhook-endpoints`;
  const endpoint = await asOwner.post(endpoints, { url: `${receiverUrl}${path}`, eventTypes: ["opportunity.published.v1", ...operational] });
  const watcherPath = `${path}-watcher`;
  const watcher = await asOwner.post(endpoints, { url: `${receiverUrl}${watcherPath}`, eventTypes: operational });
  expect([endpoint.status, watcher.status]).toEqual([201, 201]);
  const draft = await asOwner.post("/v1/opportunities", surveyOpportunity(org.body.id));
  expect(draft.status).toBe(201);
  expect((await asOwner.post(`/v1/opportunities/${draft.body.id}/publish`)).status).toBe(200);
  return { asOwner, endpoint: `${endpoints}/${endpoint.body.id}`, endpointId: endpoint.body.id as string, watcherPath };
}

/** The endpoint's opportunity.published.v1 message once `done` holds for it. */
const messageWhen = (endpointId: string, done: (message: { status: string; attempts: StoredAttempt[] }) => boolean, timeoutMs = 60_000) =>
  eventually(async () => {
    const message = await messages.findOne({ endpointId, eventType: "opportunity.published.v1" });
    return message && done(message) ? message : undefined;
  }, timeoutMs);

const at = (path: string) => received.filter((request) => request.path === path);
const typesAt = (path: string) => at(path).map((request) => JSON.parse(request.body).type as string);

describe("the webhook retry schedule against a real receiver", () => {
  // Three 500s open the endpoint's breaker for 10 s (not scaled), which the fourth attempt waits out.
  it.concurrent("delivers a message that fails three times then succeeds once, with four attempts logged at the schedule's waits", { timeout: 90_000 }, async () => {
    const { endpointId, endpoint, asOwner } = await scenario("/flaky", [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 200 }]);
    const message = await messageWhen(endpointId, (m) => m.status === "delivered");
    expect(message.attempts.map((a) => a.status)).toEqual([500, 500, 500, 200]);
    expect(message.attempts.every((a) => a.trigger === "scheduled")).toBe(true);
    const waits = message.attempts.map((a) => a.nextDelayMs);
    expect(waits[0]).toBeGreaterThanOrEqual(4_000);
    expect(waits[0]).toBeLessThanOrEqual(6_000);
    expect(waits[1]).toBeGreaterThanOrEqual(240_000);
    expect(waits[1]).toBeLessThanOrEqual(360_000);
    expect(waits[2]).toBeGreaterThanOrEqual(1_440_000);
    expect(waits[2]).toBeLessThanOrEqual(2_160_000);
    expect(waits[3]).toBeNull();
    const requests = at("/flaky");
    expect(requests).toHaveLength(4);
    expect(new Set(requests.map((r) => r.headers["webhook-id"])).size).toBe(1);

    // The attempt log through the API: four attempts, oldest last, with their codes and excerpts.
    const orgPath = endpoint.slice(0, endpoint.indexOf("/webhook-endpoints"));
    // Recorded just after the message is saved: wait for the fourth.
    const log = await eventually(async () => {
      const answer = await asOwner.get(`${orgPath}/webhook-messages/${message._id}/attempts`);
      expect(answer.status).toBe(200);
      return answer.body.data.length === 4 ? answer : undefined;
    });
    expect(log.body.data.map((a: { number: number; responseStatus: number; outcome: string }) => [a.number, a.responseStatus, a.outcome])).toEqual([
      [4, 200, "succeeded"],
      [3, 500, "failed"],
      [2, 500, "failed"],
      [1, 500, "failed"],
    ]);
    expect(log.body.data.every((a: { trigger: string; responseExcerpt: string }) => a.trigger === "scheduled" && a.responseExcerpt.startsWith("answer "))).toBe(true);
    // The endpoint's log, filtered to server errors, paged two at a time.
    const first = await asOwner.get(`${endpoint}/attempts?statusClass=5xx&limit=2`);
    expect(first.body.data.map((a: { number: number }) => a.number)).toEqual([3, 2]);
    const second = await asOwner.get(`${endpoint}/attempts?statusClass=5xx&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ data: [{ number: 1, statusClass: "5xx" }], nextCursor: null });
    expect((await asOwner.get(`${endpoint}/attempts?status=succeeded`)).body.data.map((a: { number: number }) => a.number)).toEqual([4]);
    expect((await asOwner.get(`${endpoint}/attempts?eventType=claim.completed.v1`)).body.data).toEqual([]);
  });

  it.concurrent("plays the whole schedule: eight attempts, then exhausted; failing and exhausted go to the watcher, never to the endpoint", { timeout: 150_000 }, async () => {
    // 400 does not open the endpoint's breaker, so every attempt runs when the schedule says.
    const { endpointId, watcherPath } = await scenario("/always-400", [{ status: 400 }]);
    const message = await messageWhen(endpointId, (m) => m.status === "failed", 90_000);
    expect(message.attempts).toHaveLength(8);
    expect(message.attempts.at(-1)?.nextDelayMs).toBeNull();
    expect(message.attempts.at(-2)?.nextDelayMs).toBeGreaterThanOrEqual(8 * 3_600_000);
    await eventually(() => (typesAt(watcherPath).length >= 2 ? true : undefined), 30_000);
    expect(typesAt(watcherPath).sort()).toEqual(["message.attempt.exhausted.v1", "message.attempt.failing.v1"]);
    const failing = at(watcherPath).map((r) => JSON.parse(r.body)).find((body) => body.type === "message.attempt.failing.v1");
    expect(failing.data).toMatchObject({ endpointId, attempts: 4, lastStatus: 400, eventType: "opportunity.published.v1" });
    expect(typesAt("/always-400")).toEqual(Array(8).fill("opportunity.published.v1"));
  });

  it.concurrent("honours Retry-After: the next attempt waits what the receiver asked, not the schedule's 5 s", async () => {
    const { endpointId } = await scenario("/retry-after", [{ status: 503, headers: { "retry-after": "7200" } }, { status: 200 }]);
    const message = await messageWhen(endpointId, (m) => m.status === "delivered");
    expect(message.attempts.map((a) => [a.status, a.nextDelayMs])).toEqual([
      [503, 7_200_000],
      [200, null],
    ]);
  });

  it.concurrent("waits at least a minute after a 429", async () => {
    const { endpointId } = await scenario("/too-many", [{ status: 429 }, { status: 200 }]);
    const message = await messageWhen(endpointId, (m) => m.status === "delivered");
    expect(message.attempts.map((a) => a.status)).toEqual([429, 200]);
    expect(message.attempts[0]?.nextDelayMs).toBe(60_000);
  });

  it.concurrent("counts a redirect as a failure and does not follow it", async () => {
    const { endpointId } = await scenario("/moved", [{ status: 302, headers: { location: "/moved-here" } }, { status: 200 }]);
    const message = await messageWhen(endpointId, (m) => m.status === "delivered");
    expect(message.attempts.map((a) => a.status)).toEqual([302, 200]);
    expect(at("/moved-here")).toEqual([]);
    expect(at("/moved")).toHaveLength(2);
  });

  it.concurrent("disables the endpoint at the first 410 and tells the watcher, not the endpoint", async () => {
    const { asOwner, endpoint, endpointId, watcherPath } = await scenario("/gone", [{ status: 410 }]);
    await messageWhen(endpointId, (m) => m.attempts.length === 1);
    const disabled = await eventually(async () => {
      const read = await asOwner.get(endpoint);
      return read.body.status === "disabled" ? read.body : undefined;
    });
    expect(disabled.status).toBe("disabled");
    const notice = await eventually(() => at(watcherPath).find((r) => JSON.parse(r.body).type === "endpoint.disabled.v1"), 30_000);
    expect(JSON.parse(notice.body).data).toMatchObject({ endpointId, reason: "gone" });
    expect(typesAt("/gone")).toEqual(["opportunity.published.v1"]);
    expect((await messages.findOne({ endpointId, eventType: "opportunity.published.v1" }))?.attempts).toHaveLength(1);
  });

  it.concurrent("waits at least a minute after an attempt that timed out", { timeout: 90_000 }, async () => {
    const { endpointId } = await scenario("/slow", ["hang", { status: 200 }]);
    const message = await messageWhen(endpointId, (m) => m.status === "delivered", 60_000);
    expect(message.attempts.map((a) => a.status)).toEqual([null, 200]);
    expect(message.attempts[0]?.error).toMatch(/Timeout|TIMEOUT/);
    expect(message.attempts[0]?.nextDelayMs).toBe(60_000);
  });
});
