import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, bench, describe } from "vitest";
import { apiClient, signUpUser } from "../../test/e2e/support/api-client.js";
import { surveyOpportunity } from "../../test/e2e/support/scenario.js";

// From an event committed to its webhook received, on the local stack (`npm run bench` starts
// it): each iteration publishes an opportunity through Hosting, whose write commits
// `opportunity.published.v1` with its time; the relay publishes it to Pub/Sub, fan-out makes the
// message and its Cloud Task, and the delivery function signs and POSTs it to a receiver on
// loopback. The figure is the receipt time minus the event's `timestamp` (one machine, one clock).

const waiting = new Map<string, () => void>();
const latencies: number[] = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const receivedAt = Date.now();
    res.writeHead(204).end();
    const payload = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { timestamp: string; data: { opportunityId: string } };
    latencies.push(receivedAt - Date.parse(payload.timestamp));
    waiting.get(payload.data.opportunityId)?.();
  });
});

let owner: ReturnType<typeof apiClient>;
let orgId = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  owner = apiClient((await signUpUser("bench")).idToken);
  orgId = (await owner.post("/v1/organizations", { name: "Webhook bench" })).body.id;
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bench`;
  const endpoint = await owner.post(`/v1/organizations/${orgId}/webhook-endpoints`, { url, eventTypes: ["opportunity.published.v1"] });
  if (endpoint.status !== 201) throw new Error(`could not register the bench endpoint: ${endpoint.status}`);
}, 120_000);

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  console.log(`\nWebhook, event committed to webhook received (local stack, receiver on loopback): p50 ${percentile(latencies, 50)} ms   p99 ${percentile(latencies, 99)} ms   (${latencies.length} webhooks)`);
});

/** Publishes one opportunity and waits for its webhook. */
async function publishAndReceive(): Promise<void> {
  const draft = await owner.post("/v1/opportunities", surveyOpportunity(orgId));
  if (draft.status !== 201) throw new Error(`draft refused: ${draft.status}`);
  const received = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no webhook within 60 s")), 60_000);
    waiting.set(draft.body.id, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const published = await owner.post(`/v1/opportunities/${draft.body.id}/publish`);
  if (published.status !== 200) throw new Error(`publish refused: ${published.status}`);
  await received;
  waiting.delete(draft.body.id);
}

describe("webhook latency", () => {
  bench("publish an opportunity, then receive its webhook", publishAndReceive, { iterations: 40, time: 0, warmupIterations: 2, warmupTime: 0 });
});
